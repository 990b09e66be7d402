using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Diagnostics;

namespace VaeLab.Runs;

/// <summary>Draws samples from a trained run folder, vanilla or two-stage, and writes them to .csv or .npy (`vaelab sample`).</summary>
public static class RunSampling
{
    /// <summary>
    /// Draws <paramref name="count"/> samples x = f(s), s ~ N(0, I) (u -> z -> x when <paramref name="twoStage"/>) from the run in
    /// <paramref name="runDir"/> with <paramref name="seed"/>, the decoder noise added when <paramref name="withNoise"/>, mapped back to the
    /// data's units when the run was trained on standardised data; writes them to <paramref name="path"/> and the latent draws to
    /// <paramref name="latentPath"/> when given. Returns the model's input dimension (the columns written).
    /// </summary>
    public static int Write(string runDir, int count, bool twoStage, bool withNoise, ulong seed, string path, string? latentPath)
    {
        var (config, model) = RunFolder.LoadModel(runDir);
        MemoryEstimate.CheckValues(count, config.AmbientDim, "--count", copies: 3);
        GeneratedSamples samples;
        if (twoStage)
        {
            var stage2 = RunFolder.LoadStage2(runDir, config)
                ?? throw new ConfigException($"--two-stage: '{runDir}' has no stage-2 model; train it with 'vaelab train --two-stage'.");
            samples = GeneratedSamples.DrawTwoStage(model, stage2, count, seed, config.Stage2SampleNoise);
        }
        else samples = GeneratedSamples.Draw(model, count, seed);
        var values = withNoise ? samples.WithNoise : samples.NoiseFree;
        // A model trained on standardised data samples in standard units: map back to the data's.
        if (RunFolder.ReadSummary(runDir).DataFile is { Mean.Length: > 0 } df)
            for (int i = 0; i < values.Length; i++) values[i] = (float)(values[i] * (df.Std[i % model.InputDim] > 0 ? df.Std[i % model.InputDim] : 1) + df.Mean[i % model.InputDim]);
        new Dataset(values, count, model.InputDim).Write(path, "--out");
        if (latentPath != null) new Dataset(samples.Latents, count, model.LatentDim).Write(latentPath, "--latents-out");
        return model.InputDim;
    }
}

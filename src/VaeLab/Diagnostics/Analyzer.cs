using MathNet.Numerics.LinearAlgebra;
using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Random;

namespace VaeLab.Diagnostics;

/// <summary>Computes <see cref="RunDiagnostics"/> for a trained model against its family's ground truth.</summary>
public static class Analyzer
{
    /// <summary>
    /// All diagnostics of a trained model; with <paramref name="stage2"/>, the two-stage sampler is measured beside
    /// the vanilla one and C8, C9 are judged.
    /// </summary>
    public static RunDiagnostics Analyze(Vae model, DataFamily family, double[] encoderVariances, double activeThreshold, AnalysisOptions o,
        Vae? stage2 = null, bool stage2Noise = false)
    {
        int n = family.AmbientDim, m = model.LatentDim;
        var samples = GeneratedSamples.Draw(model, o.Samples, o.Seed);
        var truth = new float[o.Samples * n];
        family.Sample(truth, o.Samples, RngStreams.Normal(o.Seed, "truth"));
        double signal = family.MeanSquaredNorm;

        var d = WithDecoderSpectrum(Variances(model, encoderVariances, activeThreshold) with
        {
            Family = family.Name,
            IntrinsicDim = family.IntrinsicDim,
            AmbientDim = n,
            LatentDim = m,
            Samples = o.Samples,
            SignalPower = signal,
            NoiseFree = OffManifold(family, samples.NoiseFree, signal),
            WithNoise = OffManifold(family, samples.WithNoise, signal),
        }, model, o);
        var j = AffineWeights(model);
        if (family is LinearFamily linear && j != null) d = WithLinearDensity(d, linear, model, j);
        else d = WithSampleDensity(d, family, samples.NoiseFree, truth, o);
        if (stage2 != null) d = d with { TwoStage = TwoStageAnalysis.Measure(d, model, stage2, stage2Noise, family, samples.NoiseFree, truth, o) };
        d = d with { Outcome = OutcomeMeasurer.Measure(model, family, truth, signal, d.NoiseFree.RelativeToSignal, d.ActiveLatents, o.Seed) };
        if (j == null) d = WithLocalRanksAtData(d, model, truth, o);
        return d;
    }

    /// <summary>
    /// For a model trained on your own data (no ground truth): the dimension the VAE learned (active latents,
    /// decoder rank or Jacobian local ranks) beside the PCA spectrum and the TwoNN estimate of <paramref name="data"/>.
    /// </summary>
    public static RunDiagnostics AnalyzeDataset(Vae model, Dataset data, double[] encoderVariances, double activeThreshold, double heldOutLoss, AnalysisOptions o)
    {
        var spectrum = IntrinsicDimension.PcaSpectrum(data.Values, data.Rows, data.Cols);
        var d = WithDecoderSpectrum(Variances(model, encoderVariances, activeThreshold) with
        {
            Family = "file",
            AmbientDim = data.Cols,
            LatentDim = model.LatentDim,
            Samples = data.Rows,
            PcaSpectrum = spectrum,
            PcaComponents95 = IntrinsicDimension.ComponentsFor(spectrum, 0.95),
            PcaComponents99 = IntrinsicDimension.ComponentsFor(spectrum, 0.99),
            TwoNnDimension = IntrinsicDimension.TwoNn(data.Values, data.Rows, data.Cols, seed: o.Seed),
            HeldOutLoss = heldOutLoss,
        }, model, o);
        return d;
    }

    // The decoder and encoder variances, and the active count, shared by both analyses.
    private static RunDiagnostics Variances(Vae model, double[] encoderVariances, double activeThreshold)
    {
        var sorted = encoderVariances.Order().ToArray();
        double eta0 = model.Architecture.InitialLogVariance;
        return new RunDiagnostics
        {
            DecoderVariance = Math.Exp(model.DecoderLogVariance),
            InitialDecoderVariance = Math.Exp(eta0),
            DecoderVarianceRatio = Math.Exp(model.DecoderLogVariance - eta0),
            EncoderVariances = sorted,
            ActiveLatents = sorted.Count(v => v < activeThreshold),
            ActiveThreshold = activeThreshold,
        };
    }

    // Affine decoders: the spectrum of W. Nonlinear ones: local ranks of the Jacobian at latent samples.
    private static RunDiagnostics WithDecoderSpectrum(RunDiagnostics d, Vae model, AnalysisOptions o)
    {
        d = d with { RankThreshold = o.RankThreshold };
        var j = AffineWeights(model);
        return j != null
            ? WithLinearSpectrum(d, j, o.RankThreshold)
            : WithLocalRanks(d, DecoderJacobian.LocalSpectra(model, o.JacobianPoints, o.Seed), o.RankThreshold);
    }

    /// <summary>The decoder Jacobian J = Wᵀ (n x m) of an affine decoder, or null for a nonlinear one.</summary>
    public static Matrix<double>? AffineWeights(Vae model)
    {
        if (model.Decoder is not MlpDecoder { Network.Layers.Count: 1 } mlp) return null;
        var w = model.Parameters.Value(mlp.Network.Layers[0].Weight).ToArray();
        int m = model.LatentDim, n = model.InputDim;
        return Matrix<double>.Build.Dense(n, m, (i, k) => w[k * n + i]);
    }

    public static double MeanSquaredNorm(float[] x, int n)
    {
        double sum = 0;
        foreach (float v in x) sum += (double)v * v;
        return sum / (x.Length / n);
    }

    public static OffManifoldError OffManifold(DataFamily family, float[] x, double signal)
    {
        int n = family.AmbientDim, count = x.Length / n;
        double pad = 0, block = 0, squares = 0;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<float> row = x.AsSpan(i * n, n);
            double p = family.PaddingError(row), b = family.InBlockError(row[..family.BlockDim]);
            pad += p;
            block += b;
            squares += (p + b) * (p + b);
        }
        pad /= count;
        block /= count;
        double total = pad + block;
        double se = count > 1 ? Math.Sqrt(Math.Max(0, squares / count - total * total) / (count - 1)) : double.NaN;
        return new OffManifoldError(pad, block, total, total / signal) { RelativeStandardError = se / signal };
    }

    private static RunDiagnostics WithLinearSpectrum(RunDiagnostics d, Matrix<double> j, double threshold)
    {
        var s = LinearAlgebra.SingularValues(j);
        return d with { AffineDecoder = true, DecoderSingularValues = s, DecoderRank = LinearAlgebra.Rank(s, threshold) };
    }

    private static RunDiagnostics WithLocalRanks(RunDiagnostics d, double[][] spectra, double threshold)
    {
        var ranks = spectra.Select(s => LinearAlgebra.Rank(s, threshold)).Order().ToArray();
        var mean = Enumerable.Range(0, spectra[0].Length).Select(k => spectra.Average(s => s[k])).ToArray();
        return d with
        {
            DecoderSingularValues = mean, DecoderRank = ranks[ranks.Length / 2], LocalRankHistogram = Histogram(ranks), JacobianPoints = spectra.Length,
            MedianSingularValues = MedianSpectrum(spectra),
        };
    }

    // The Jacobian at encoder means μ(x) of true points: where the data sit on the learned manifold (SCIENCE.md section 9).
    private static RunDiagnostics WithLocalRanksAtData(RunDiagnostics d, Vae model, float[] truth, AnalysisOptions o)
    {
        int n = model.InputDim, m = model.LatentDim, count = Math.Min(o.JacobianPoints, truth.Length / n);
        var mu = new float[count * m];
        var x = new float[model.MaxBatch * n];
        for (int start = 0; start < count; start += model.MaxBatch)
        {
            int rows = Math.Min(model.MaxBatch, count - start);
            truth.AsSpan(start * n, rows * n).CopyTo(x);
            model.Encoder.Forward(x, rows);
            model.Encoder.Mean.AsSpan(0, rows * m).CopyTo(mu.AsSpan(start * m));
        }
        var spectra = DecoderJacobian.SpectraAt(model, mu, count);
        var ranks = spectra.Select(s => LinearAlgebra.Rank(s, o.RankThreshold)).ToArray();
        return d with { LocalRankHistogramAtData = Histogram(ranks), MedianSingularValuesAtData = MedianSpectrum(spectra) };
    }

    private static SortedDictionary<int, int> Histogram(IEnumerable<int> ranks)
    {
        var histogram = new SortedDictionary<int, int>();
        foreach (int r in ranks) histogram[r] = histogram.GetValueOrDefault(r) + 1;
        return histogram;
    }

    /// <summary>The median over points of each sorted singular value: the spectrum's shape with its gap, not a thresholded count.</summary>
    public static double[] MedianSpectrum(double[][] spectra) =>
        Enumerable.Range(0, spectra[0].Length).Select(k => MathNet.Numerics.Statistics.Statistics.Median(spectra.Select(s => s[k]))).ToArray();

    private static RunDiagnostics WithLinearDensity(RunDiagnostics d, LinearFamily family, Vae model, Matrix<double> j)
    {
        int dim = family.BlockDim, n = family.AmbientDim, r = family.IntrinsicDim;
        // Generated x = W s + c with s ~ N(0, I): covariance J Jᵀ, mean c. Project the block onto range(A).
        var block = j.SubMatrix(0, dim, 0, j.ColumnCount);
        var p = family.Projector;
        var cov = p * block * block.Transpose() * p;
        var bias = model.Parameters.Value(((MlpDecoder)model.Decoder).Network.Layers[0].Bias).ToArray();
        var mean = p * Vector<double>.Build.Dense(dim, i => bias[i]);
        var truth = family.Covariance;
        var u = j.Svd(computeVectors: true).U.SubMatrix(0, n, 0, r);
        var basis = Matrix<double>.Build.Dense(n, r);
        basis.SetSubMatrix(0, 0, family.Basis);
        return d with
        {
            TrueEigenvalues = LinearAlgebra.SymmetricEigenvalues(truth).Take(r).ToArray(),
            GeneratedEigenvalues = LinearAlgebra.SymmetricEigenvalues(cov).Take(r).ToArray(),
            CovarianceRelativeError = LinearAlgebra.RelativeFrobeniusError(cov, truth),
            Wasserstein2 = LinearAlgebra.Wasserstein2(mean, cov, Vector<double>.Build.Dense(dim), truth),
            PrincipalAnglesDegrees = LinearAlgebra.PrincipalAnglesDegrees(u, basis),
        };
    }

    /// <summary>‖P Σ̂ P - A Aᵀ‖_F / ‖A Aᵀ‖_F for the sample covariance Σ̂ of the data block of <paramref name="x"/>.</summary>
    public static double SampleCovarianceError(LinearFamily family, float[] x)
    {
        int n = family.AmbientDim, dim = family.BlockDim, count = x.Length / n;
        var data = Matrix<double>.Build.Dense(dim, count, (i, c) => x[c * n + i]);
        var mean = data.RowSums() / count;
        var centred = data - Matrix<double>.Build.Dense(dim, count, (i, _) => mean[i]);
        var cov = family.Projector * (centred * centred.Transpose() / (count - 1)) * family.Projector;
        return LinearAlgebra.RelativeFrobeniusError(cov, family.Covariance);
    }

    internal static float[] Project(DataFamily family, float[] x, int k)
    {
        int n = family.AmbientDim, dim = family.BlockDim;
        var result = new float[k * dim];
        var buffer = new double[dim];
        for (int i = 0; i < k; i++)
        {
            family.ProjectBlock(x.AsSpan(i * n, dim), buffer);
            for (int c = 0; c < dim; c++) result[i * dim + c] = (float)buffer[c];
        }
        return result;
    }

    internal static double SigmoidKs(SigmoidFamily sigmoid, float[] x)
    {
        int n = sigmoid.AmbientDim, count = x.Length / n;
        double norm = Math.Sqrt(sigmoid.Direction.Sum(v => v * v));
        var proj = new double[count];
        for (int i = 0; i < count; i++) proj[i] = sigmoid.Projection(x.AsSpan(i * n, sigmoid.BlockDim)) / norm;
        return KolmogorovSmirnov.AgainstStandardNormal(proj);
    }

    private static RunDiagnostics WithSampleDensity(RunDiagnostics d, DataFamily family, float[] generated, float[] truth, AnalysisOptions o)
    {
        int n = family.AmbientDim, dim = family.BlockDim, k = Math.Min(o.MmdSamples, generated.Length / n);
        var gen = Project(family, generated, k);
        var reference = Project(family, truth, k);
        double h = Mmd.MedianBandwidth(gen, reference, dim);
        double mmd = Mmd.Squared(gen, reference, dim, h);
        var sampler = RngStreams.Normal(o.Seed, "mmd-reference");
        var refs = new double[o.MmdReferencePairs];
        var a = new float[k * n];
        var b = new float[k * n];
        for (int i = 0; i < refs.Length; i++)
        {
            family.Sample(a, k, sampler);
            family.Sample(b, k, sampler);
            refs[i] = Mmd.Squared(Project(family, a, k), Project(family, b, k), dim, h);
        }
        d = d with
        {
            Mmd2 = mmd, MmdSamples = k, MmdBandwidth = h,
            Mmd2ReferenceMedian = MathNet.Numerics.Statistics.Statistics.Median(refs),
            Mmd2Reference99 = MathNet.Numerics.Statistics.Statistics.Quantile(refs, 0.99),
        };
        if (family is not SigmoidFamily sigmoid) return d;
        int count = generated.Length / n;
        double authorsGen = 0, authorsTrue = 0;
        for (int i = 0; i < count; i++)
        {
            authorsGen += sigmoid.AuthorsError(generated.AsSpan(i * n, dim));
            authorsTrue += sigmoid.AuthorsError(truth.AsSpan(i * n, dim));
        }
        return d with { KsStatistic = SigmoidKs(sigmoid, generated), AuthorsSigmoidErrorGenerated = authorsGen / count, AuthorsSigmoidErrorTrue = authorsTrue / count };
    }
}

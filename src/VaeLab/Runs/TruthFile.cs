using System.Text.Json;
using VaeLab.Core;
using VaeLab.Data;

namespace VaeLab.Runs;

/// <summary>
/// truth.json: the ground truth of a run's data (family, r, n, A or a*, data seed, noise, E‖x‖² in closed form), so that any
/// independent tool can check a run from its folder alone.
/// </summary>
public static class TruthFile
{
    /// <summary>Writes truth.json into <paramref name="dir"/> (atomically; overwrites only a truth.json VaeLab wrote there).</summary>
    public static void Write(string dir, DataFamily family, ulong dataSeed)
    {
        var truth = family.GroundTruth();
        truth["dataSeed"] = dataSeed;
        truth["padding"] = family.Padding;
        truth["noiseVariance"] = (double)family.NoiseVariance;
        truth["meanSquaredNorm"] = family.MeanSquaredNorm;
        AtomicFile.WriteText(Path.Combine(dir, RunLayout.TruthFile), JsonSerializer.Serialize(truth, Json.Options));
    }

    /// <summary>Reads truth.json as a JSON document.</summary>
    public static JsonDocument Read(string dir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, RunLayout.TruthFile)));
}

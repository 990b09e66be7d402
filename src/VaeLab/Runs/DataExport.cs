using System.Text.Json;
using System.Text.Json.Nodes;
using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Random;

namespace VaeLab.Runs;

/// <summary>
/// Writes true samples of a data family to a .csv or .npy file, and FILE.json beside it with the family's ground truth,
/// the count and the settings that drew them (`vaelab data`).
/// </summary>
public static class DataExport
{
    /// <summary>The settings (keys of <see cref="ConfigResolver.Settings"/>) that shape a family's samples; the sidecar records them after the family.</summary>
    public static readonly string[] Settings = ["dataDim", "linearRank", "padding", "noiseVariance", "dataSeed", "seed", "rotate", "unionDims"];

    /// <summary>
    /// Draws <paramref name="count"/> samples of the family of <paramref name="config"/> from its "data" stream and writes them to
    /// <paramref name="path"/> (.csv or .npy) and the ground truth to <paramref name="path"/>.json; returns the family.
    /// <paramref name="label"/> names the output path in error messages.
    /// </summary>
    public static DataFamily Write(RunConfig config, int count, string path, string label)
    {
        var family = RunFactory.CreateFamily(config);
        MemoryEstimate.CheckValues(count, family.AmbientDim, "--count", copies: 3);
        var values = new float[(long)count * family.AmbientDim];
        family.Sample(values, count, RngStreams.Normal(config.Seed, "data"));
        new Dataset(values, count, family.AmbientDim).Write(path, label);
        var settings = JsonSerializer.SerializeToNode(config, Json.Options)!;
        var sidecar = new JsonObject
        {
            ["groundTruth"] = JsonSerializer.SerializeToNode(family.GroundTruth(), Json.Options),
            ["count"] = count,
            ["settings"] = new JsonObject(Settings.Select(k => KeyValuePair.Create(k, settings[k]?.DeepClone())).Prepend(KeyValuePair.Create("family", (JsonNode?)KindNames.Of(config.Family)))),
        };
        AtomicFile.WriteText(path + ".json", sidecar.ToJsonString(Json.Options), overwrite: false);
        return family;
    }
}

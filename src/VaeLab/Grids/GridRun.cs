using VaeLab.Configuration;

namespace VaeLab.Grids;

/// <summary>One run of a grid: which grid, a label for its configuration, and the full config.</summary>
public sealed record GridRun(string Grid, string Configuration, RunConfig Config)
{
    /// <summary>Folder of this run under the output root: runs/GRID/CONFIG-dsSEED.</summary>
    public string RelativeDir => Path.Combine("runs", Grid, $"{Configuration}-ds{Config.DataSeed}");
}

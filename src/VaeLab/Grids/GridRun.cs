using VaeLab.Configuration;

namespace VaeLab.Grids;

/// <summary>One run of a grid: which grid, a label for its configuration, and the full config.</summary>
public sealed record GridRun(string Grid, string Configuration, RunConfig Config)
{
    /// <summary>0 for the grid's first model seed (the paper's), k for the k-th extra one.</summary>
    public int ModelSeedIndex { get; init; }

    /// <summary>Folder of this run under the output root: runs/GRID/CONFIG-dsSEED, with -msMODELSEED for the extra model seeds.</summary>
    public string RelativeDir => Path.Combine("runs", Grid, $"{Configuration}-ds{Config.DataSeed}" + (ModelSeedIndex > 0 ? $"-ms{Config.Seed}" : ""));
}

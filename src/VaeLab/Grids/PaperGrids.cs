using VaeLab.Configuration;
using VaeLab.Core;
using VaeLab.Data;

namespace VaeLab.Grids;

/// <summary>
/// The paper's three grids (SCIENCE.md section 4) under a profile. No profile changes the science (learning rates, κ,
/// architectures, loss; SCIENCE.md section 9): "paper" runs every grid at the paper's step counts with enough model seeds for
/// narrower intervals; "quick" (the default of `vaelab reproduce`) runs the paper's own runs of the linear grid (one model
/// seed, as the paper), the sigmoid grid with two (with one, its C9 tally of 6/18 could not decide the side that 11/36
/// decides), every run at the paper's step count, with a shorter stage 2, so that it finishes in 10 minutes on two cores; it
/// has no sphere runs. The sphere cannot be cut to fit and keep its answers: at 30,000 steps every sphere run still has no
/// active latent (they become active after about 45,000), and the two 150,000-step runs that fit (d3-p3-m6 and d7-p7-m13,
/// data seed 69) said "no run collapses" and "C8 holds (2/2)" where the grid's 30 runs say 8 collapse and C8 is split (15/22).
/// </summary>
public static class PaperGrids
{
    /// <summary>The profiles: quick (10 minutes on two cores) and paper (every run of the paper's grids, two model seeds each).</summary>
    public static readonly string[] Profiles = ["quick", "paper"];
    /// <summary>The paper's three grids, in report order.</summary>
    public static readonly string[] Names = ["linear", "sigmoid", "sphere"];

    private static readonly (int D, int P, int M)[] LinearConfigs = [(3, 9, 20), (3, 17, 20), (6, 6, 20), (6, 14, 20), (9, 3, 20), (9, 11, 10), (12, 8, 10)];
    private static readonly (int D, int P, int M)[] SigmoidConfigs = [(3, 3, 6), (3, 13, 8), (5, 16, 16), (5, 5, 10), (7, 7, 13), (7, 20, 24)];
    private static readonly (int D, int P, int M)[] SphereConfigs = [(3, 3, 6), (3, 13, 8), (5, 16, 16), (5, 5, 10), (7, 7, 13)];
    private static readonly ulong[] LinearSeeds = [2, 3, 4];
    private static readonly ulong[] NonlinearSeeds = [69, 24, 48];

    /// <summary>Model seeds per grid (linear, sigmoid, sphere) a profile uses unless --model-seeds says otherwise (quick has no sphere runs).</summary>
    public static (int Linear, int Sigmoid, int Sphere) DefaultModelSeeds(string profile) => profile == "paper" ? (2, 2, 2) : (1, 2, 0);

    /// <summary>Stage-2 steps of the two-stage VAE under a profile.</summary>
    public static int Stage2Steps(string profile) => profile == "paper" ? 50_000 : 10_000;

    /// <summary>What a profile changes from the paper, in words, for the report.</summary>
    public static string Describe(string profile, int? modelSeeds = null)
    {
        var runs = All(profile, modelSeeds);
        var (l, g, s) = modelSeeds is { } k ? (k, k, k) : DefaultModelSeeds(profile);
        string seeds = $"model seeds per data seed: linear {l}, sigmoid {g}, sphere {s} (the paper used one)";
        return profile == "paper"
            ? "paper: linear 100,000 steps at lr 1e-3; sigmoid and sphere 150,000 steps at lr 1e-4 (SCIENCE.md section 4); " + seeds +
              ". Two-stage VAE: stage 2 with MLPs 128,128, lr 1e-3, 50,000 steps."
            : $"quick: the paper profile's runs of the linear grid ({Count("linear")}: the paper's own) and of the sigmoid grid ({Count("sigmoid")}), every run at the paper's steps and " +
              $"learning rate (100,000 at lr 1e-3; 150,000 at lr 1e-4); model seeds per data seed: linear {l}, sigmoid {g} (the paper used one). " +
              "No sphere runs: the sphere's verdicts need its whole grid at 150,000 steps (30 runs, about 75 minutes on two cores: `vaelab reproduce --profile paper --grids sphere`), " +
              "and the two runs that fit in the quick profile's 10 minutes gave answers the grid does not. Two-stage VAE: stage 2 with MLPs 128,128, lr 1e-3, 10,000 steps (paper profile: 50,000). No learning rate, κ, " +
              "architecture or loss differs from the paper; `vaelab compare` checks these verdicts against `--profile paper`.";

        int Count(string grid) => runs.Count(r => r.Grid == grid);
    }

    /// <summary>Why the sphere grid varies the model seed too.</summary>
    public const string SphereSeedNote = "The sphere family has no random parameters, so its data seed alone would give three identical runs; " +
        "the sphere grid therefore uses the data seed as the model seed as well (69, 24, 48).";

    /// <summary>
    /// All runs of the grids for <paramref name="profile"/>, with <paramref name="modelSeeds"/> model seeds per data seed (null: the
    /// profile's defaults) and only the grids named in <paramref name="grids"/> (null: all three).
    /// </summary>
    public static IReadOnlyList<GridRun> All(string profile, int? modelSeeds = null, IReadOnlyCollection<string>? grids = null)
    {
        if (!Profiles.Contains(profile)) throw new ConfigException($"--profile must be one of {string.Join(", ", Profiles)} (got '{profile}').");
        if (modelSeeds is < 1 or > 100) throw new ConfigException($"--model-seeds must be between 1 and 100 (got {modelSeeds}).");
        foreach (string g in grids ?? []) if (!Names.Contains(g)) throw new ConfigException($"--grids must name some of {string.Join(", ", Names)} (got '{g}').");
        bool quick = profile == "quick";
        if (quick && grids != null && grids.Contains("sphere"))
            throw new ConfigException("--grids sphere needs --profile paper: the quick profile has no sphere runs (its verdicts need the whole grid at 150,000 steps).");
        var (kLinear, kSigmoid, kSphere) = modelSeeds is { } k ? (k, k, k) : DefaultModelSeeds(profile);
        var runs = new List<GridRun>();
        foreach (var (d, p, m) in LinearConfigs)
            foreach (ulong seed in LinearSeeds)
                runs.AddRange(Seeds(new("linear", $"D{d}-p{p}-m{m}", RunConfig.Defaults(DataFamilyKind.Linear) with
                {
                    DataDim = d, Padding = p, Latent = m, DataSeed = seed, Steps = 100_000,
                }), kLinear));
        foreach (var (d, p, m) in SigmoidConfigs)
            foreach (ulong seed in NonlinearSeeds)
                runs.AddRange(Seeds(new("sigmoid", $"d{d}-p{p}-m{m}", RunConfig.Defaults(DataFamilyKind.Sigmoid) with
                {
                    DataDim = d, Padding = p, Latent = m, DataSeed = seed, Steps = 150_000, LearningRate = 1e-4,
                }), kSigmoid));
        var sphereRuns = quick ? [] : SphereConfigs.SelectMany(c => NonlinearSeeds.Select(seed => (c.D, c.P, c.M, Seed: seed))).ToArray();
        foreach (var (d, p, m, seed) in sphereRuns)
            runs.AddRange(Seeds(new("sphere", $"d{d}-p{p}-m{m}", RunConfig.Defaults(DataFamilyKind.Sphere) with
            {
                DataDim = d, Padding = p, Latent = m, DataSeed = seed, Seed = seed, Steps = 150_000, LearningRate = 1e-4,
            }), kSphere));
        // Every run is two-stage: stage 2 (MLPs 128,128) is trained on its stage-1 codes and sampled beside the vanilla VAE.
        return runs.Where(r => grids == null || grids.Contains(r.Grid)).Select(r => r with
        {
            Config = r.Config with { LogEvery = Math.Max(100, r.Config.Steps / 200), TwoStage = true, Stage2Steps = Stage2Steps(profile), Stage2LearningRate = 1e-3 },
        }).ToArray();
    }

    // The run with the paper's model seed, then k - 1 more with seeds derived from it (stream "model-seed-i"): folders -msSEED.
    private static IEnumerable<GridRun> Seeds(GridRun run, int k)
    {
        yield return run;
        for (int i = 1; i < k; i++)
            yield return run with { ModelSeedIndex = i, Config = run.Config with { Seed = VaeLab.Random.RngStreams.DeriveSeed(run.Config.Seed, $"model-seed-{i}") % 1_000_000 } };
    }
}

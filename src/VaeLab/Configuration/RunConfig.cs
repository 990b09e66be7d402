using System.ComponentModel;
using VaeLab.Core;
using VaeLab.Data;
using VaeLab.Models;
using VaeLab.Training;

namespace VaeLab.Configuration;

/// <summary>
/// Every setting of one training run. JSON keys are the camelCase property names; CLI options are the
/// kebab-case names (learningRate is --learning-rate). Defaults are those of the paper profile for the
/// family (see <see cref="Defaults"/>). Each default is written once, here; a description's "{default}" is
/// replaced by it in the help text (<see cref="ConfigResolver.Settings"/>).
/// </summary>
public sealed record RunConfig
{
    /// <summary>Data family: linear, sigmoid, sphere, torus, swiss-roll, graph or union; file when --data-file is given (setting "family").</summary>
    [Description("data family: linear, sigmoid, sphere, torus, swiss-roll, graph or union; file when --data-file is given")]
    public DataFamilyKind Family { get; init; } = DataFamilyKind.Linear;

    /// <summary>D for linear and union, d for sigmoid, sphere, torus and graph; 2 for swiss-roll (setting "dataDim").</summary>
    [Description("D for linear and union, d for sigmoid, sphere, torus and graph; 2 for swiss-roll {default}")]
    public int DataDim { get; init; } = 3;

    /// <summary>k, columns of A for the linear family (setting "linearRank").</summary>
    [Description("k, columns of A for the linear family {default}")]
    public int LinearRank { get; init; } = 3;

    /// <summary>p, zero-padding coordinates (setting "padding").</summary>
    [Description("p, zero-padding coordinates {default}")]
    public int Padding { get; init; } = 9;

    /// <summary>Embed the family through a random orthogonal map of R^n (from the data seed) instead of axis-aligned padding (setting "rotate").</summary>
    [Description("embed the family through a random orthogonal map of R^n (from the data seed) instead of axis-aligned padding {default}")]
    public bool Rotate { get; init; }

    /// <summary>Dimensions of the union family's subspaces, each within [1, D - 1] (setting "unionDims").</summary>
    [Description("dimensions of the union family's subspaces, each within [1, D - 1] {default}")]
    public int[] UnionDims { get; init; } = [1, 3, 6];

    /// <summary>Variance of isotropic noise added to every data coordinate (setting "noiseVariance").</summary>
    [Description("variance of isotropic noise added to every data coordinate {default}")]
    public double NoiseVariance { get; init; }

    /// <summary>Seed of the family's random parameters A or a* (setting "dataSeed").</summary>
    [Description("seed of the family's random parameters A or a* {default}")]
    public ulong DataSeed { get; init; } = 2;

    /// <summary>m, the latent dimension (setting "latent").</summary>
    [Description("m, the latent dimension {default}")]
    public int Latent { get; init; } = 20;

    /// <summary>Hidden sizes of the encoder mean MLP, e.g. [200,200,200]; [] for affine (setting "encoderHidden").</summary>
    [Description("hidden sizes of the encoder mean MLP, e.g. [200,200,200]; [] for affine")]
    public int[] EncoderHidden { get; init; } = [];

    /// <summary>Decoder mean: mlp or sigmoid-affine (setting "decoder").</summary>
    [Description("decoder mean: mlp or sigmoid-affine")]
    public DecoderKind Decoder { get; init; } = DecoderKind.Mlp;

    /// <summary>Hidden sizes of an MLP decoder; [] for affine (setting "decoderHidden").</summary>
    [Description("hidden sizes of an MLP decoder; [] for affine")]
    public int[] DecoderHidden { get; init; } = [];

    /// <summary>Encoder variance: global (the paper) or amortized (Dai &amp; Wipf) (setting "encoderVariance").</summary>
    [Description("encoder variance: global (the paper) or amortized (Dai & Wipf)")]
    public EncoderVarianceKind EncoderVariance { get; init; } = EncoderVarianceKind.Global;

    /// <summary>Decoder log-variance: scaled (eta = kappa*theta, the paper), direct or fixed (setting "decoderVariance").</summary>
    [Description("decoder log-variance: scaled (eta = kappa*theta, the paper), direct or fixed")]
    public DecoderVarianceKind DecoderVariance { get; init; } = DecoderVarianceKind.Scaled;

    /// <summary>kappa, the initial decoder log-variance (setting "initialLogVariance").</summary>
    [Description("kappa, the initial decoder log-variance {default}")]
    public double InitialLogVariance { get; init; } = -1;

    /// <summary>Add decoder noise sigma*xi inside the squared error, as the authors did (setting "noiseInLoss").</summary>
    [Description("add decoder noise sigma*xi inside the squared error, as the authors did {default}")]
    public bool NoiseInLoss { get; init; } = true;

    /// <summary>Optimizer: adam or sgd (setting "optimizer").</summary>
    [Description("optimizer: adam or sgd")]
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Learning rate (setting "learningRate").</summary>
    [Description("learning rate {default}")]
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Samples per step (setting "batchSize").</summary>
    [Description("samples per step {default}")]
    public int BatchSize { get; init; } = 100;

    /// <summary>Training steps (setting "steps").</summary>
    [Description("training steps {default}")]
    public int Steps { get; init; } = 100_000;

    /// <summary>Size of a finite training set; 0 draws fresh samples every step (setting "trainingSetSize").</summary>
    [Description("size of a finite training set; 0 draws fresh samples every step {default}")]
    public int TrainingSetSize { get; init; }

    /// <summary>Model seed: initialisation, noise and data stream (setting "seed").</summary>
    [Description("model seed: initialisation, noise and data stream {default}")]
    public ulong Seed { get; init; }

    /// <summary>Steps between metrics.csv rows (setting "logEvery").</summary>
    [Description("steps between metrics.csv rows {default}")]
    public int LogEvery { get; init; } = 1000;

    /// <summary>Samples for the final loss and diagnostics (setting "evalSamples").</summary>
    [Description("samples for the final loss and diagnostics {default}")]
    public int EvalSamples { get; init; } = 10_000;

    /// <summary>An encoder variance below this counts as an active latent (setting "activeThreshold").</summary>
    [Description("an encoder variance below this counts as an active latent {default}")]
    public double ActiveThreshold { get; init; } = 0.05;

    /// <summary>Your own data: a CSV (optional header) or .npy (float32/float64, 2-D) file of points, one per row (setting "dataFile").</summary>
    [Description("your own data: a CSV (optional header) or .npy (float32/float64, 2-D) file of points, one per row")]
    public string DataFile { get; init; } = "";

    /// <summary>With --data-file: standardise every column with the training split's mean and std (setting "standardize").</summary>
    [Description("with --data-file: standardise every column with the training split's mean and std {default}")]
    public bool Standardize { get; init; }

    /// <summary>With --data-file: fraction of rows held out to report the held-out negative ELBO (setting "heldOutFraction").</summary>
    [Description("with --data-file: fraction of rows held out to report the held-out negative ELBO {default}")]
    public double HeldOutFraction { get; init; }

    /// <summary>Steps between checkpoints (model, optimizer, random state) for --resume; 0 for none (setting "checkpointEvery").</summary>
    [Description("steps between checkpoints (model, optimizer, random state) for --resume; 0 for none {default}")]
    public int CheckpointEvery { get; init; } = 10_000;

    /// <summary>Also train Dai &amp; Wipf's stage-2 VAE on the stage-1 latent codes (setting "twoStage").</summary>
    [Description("also train Dai & Wipf's stage-2 VAE on the stage-1 latent codes {default}")]
    public bool TwoStage { get; init; }

    /// <summary>Hidden sizes of the stage-2 encoder and decoder MLPs (setting "stage2Hidden").</summary>
    [Description("hidden sizes of the stage-2 encoder and decoder MLPs {default}")]
    public int[] Stage2Hidden { get; init; } = [128, 128];

    /// <summary>Stage-2 training steps; 0 uses --steps (setting "stage2Steps").</summary>
    [Description("stage-2 training steps; 0 uses --steps {default}")]
    public int Stage2Steps { get; init; }

    /// <summary>Stage-2 learning rate; 0 uses --learning-rate (setting "stage2LearningRate").</summary>
    [Description("stage-2 learning rate; 0 uses --learning-rate {default}")]
    public double Stage2LearningRate { get; init; }

    /// <summary>Stage-2 initial decoder log-variance (setting "stage2InitialLogVariance").</summary>
    [Description("stage-2 initial decoder log-variance {default}")]
    public double Stage2InitialLogVariance { get; init; } = -1;

    /// <summary>Add the stage-2 decoder noise when sampling u -&gt; z, as Dai &amp; Wipf do (false: the stage-2 mean only) (setting "stage2SampleNoise").</summary>
    [Description("add the stage-2 decoder noise when sampling u -> z, as Dai & Wipf do (false: the stage-2 mean only) {default}")]
    public bool Stage2SampleNoise { get; init; } = true;

    /// <summary>The paper profile's defaults for a family (SCIENCE.md section 4, its first configuration).</summary>
    public static RunConfig Defaults(DataFamilyKind family) => family switch
    {
        DataFamilyKind.Linear => new RunConfig(),
        DataFamilyKind.Sigmoid => new RunConfig
        {
            Family = DataFamilyKind.Sigmoid, DataDim = 3, Padding = 3, Latent = 6, DataSeed = 69, Decoder = DecoderKind.SigmoidAffine,
            InitialLogVariance = -3, LearningRate = 1e-4, Steps = 150_000,
        },
        DataFamilyKind.Sphere => new RunConfig
        {
            Family = DataFamilyKind.Sphere, DataDim = 3, Padding = 3, Latent = 6, DataSeed = 69, EncoderHidden = [200, 200, 200],
            DecoderHidden = [200, 200, 200], InitialLogVariance = -3, LearningRate = 1e-4, Steps = 150_000,
        },
        DataFamilyKind.Torus or DataFamilyKind.SwissRoll or DataFamilyKind.Graph or DataFamilyKind.Union => new RunConfig
        {
            Family = family, DataDim = family == DataFamilyKind.Union ? 10 : 2, Padding = 2, Latent = family == DataFamilyKind.Union ? 8 : 6,
            DataSeed = 69, EncoderHidden = [200, 200, 200], DecoderHidden = [200, 200, 200], InitialLogVariance = -3, LearningRate = 1e-4, Steps = 150_000,
        },
        DataFamilyKind.File => new RunConfig { Family = DataFamilyKind.File, DataDim = 1, Padding = 0, Steps = 20_000, DataSeed = 0 },
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    /// <summary>n, the ambient dimension implied by the data settings.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int AmbientDim => Family switch
    {
        DataFamilyKind.File => DataDim + Padding,
        _ => DataFamilyFactory.BlockDim(Family, DataDim) + Padding,
    };

    /// <summary>The model architecture these settings describe.</summary>
    public VaeArchitecture ToArchitecture() => new(
        AmbientDim, Latent, EncoderHidden, Decoder, DecoderHidden, EncoderVariance, DecoderVariance, (float)InitialLogVariance, NoiseInLoss);

    /// <summary>Stage 2 of the two-stage VAE: an m -> m VAE with MLP encoder and decoder, amortized encoder variance, trainable scaled decoder variance.</summary>
    public VaeArchitecture ToStage2Architecture() => new(
        Latent, Latent, Stage2Hidden, DecoderKind.Mlp, Stage2Hidden, EncoderVarianceKind.Amortized, DecoderVarianceKind.Scaled,
        (float)Stage2InitialLogVariance, NoiseInLoss);

    /// <summary>All training steps of the run: stage 1 plus stage 2 when two-stage.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public long TotalSteps => Steps + (TwoStage ? Stage2StepsResolved : 0);

    /// <summary>Stage-2 steps after defaulting.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int Stage2StepsResolved => Stage2Steps > 0 ? Stage2Steps : Steps;

    /// <summary>Stage-2 learning rate after defaulting.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double Stage2LearningRateResolved => Stage2LearningRate > 0 ? Stage2LearningRate : LearningRate;

    /// <summary>Throws <see cref="ConfigException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Defined("family", Family);
        Defined("decoder", Decoder);
        Defined("encoder-variance", EncoderVariance);
        Defined("decoder-variance", DecoderVariance);
        Defined("optimizer", Optimizer);
        if (Family == DataFamilyKind.File && DataFile.Length == 0) throw new ConfigException("--family file needs --data-file PATH (a .csv or .npy file of points).");
        if (Family != DataFamilyKind.File && DataFile.Length > 0) throw new ConfigException($"--data-file is given, so --family must be file or left out (got '{KindNames.Of(Family)}').");
        Finite("held-out-fraction", HeldOutFraction);
        if (HeldOutFraction is < 0 or > 0.9) throw new ConfigException($"--held-out-fraction must be within [0, 0.9] (got {HeldOutFraction}).");
        if (Family != DataFamilyKind.File && (HeldOutFraction > 0 || Standardize))
            throw new ConfigException($"--{(Standardize ? "standardize" : "held-out-fraction")} applies only with --data-file; the built-in families draw fresh samples.");
        if (Family == DataFamilyKind.File && TrainingSetSize > 0) throw new ConfigException("--training-set-size does not apply to --data-file: the file is the training set.");
        AtLeast("data-dim", DataDim, Family == DataFamilyKind.Sphere ? 2 : 1, Family == DataFamilyKind.Sphere ? "a sphere needs d >= 2" : null);
        AtLeast("linear-rank", LinearRank, 1);
        ValidateNewFamilies();
        AtLeast("padding", Padding, 0);
        AtLeast("latent", Latent, 1);
        AtLeast("batch-size", BatchSize, 1);
        AtLeast("steps", Steps, 0);
        AtLeast("training-set-size", TrainingSetSize, 0);
        AtLeast("log-every", LogEvery, 1);
        AtLeast("checkpoint-every", CheckpointEvery, 0);
        AtLeast("eval-samples", EvalSamples, 2);
        foreach (int h in EncoderHidden) AtLeast("encoder-hidden", h, 1);
        foreach (int h in DecoderHidden) AtLeast("decoder-hidden", h, 1);
        foreach (int h in Stage2Hidden) AtLeast("stage2-hidden", h, 1);
        AtLeast("stage2-steps", Stage2Steps, 0);
        Finite("stage2-learning-rate", Stage2LearningRate);
        if (Stage2LearningRate < 0) throw new ConfigException($"--stage2-learning-rate must be >= 0 (got {Stage2LearningRate}).");
        Finite("stage2-initial-log-variance", Stage2InitialLogVariance);
        if (Stage2InitialLogVariance == 0 || Math.Abs(Stage2InitialLogVariance) > 50)
            throw new ConfigException($"--stage2-initial-log-variance must be non-zero and within [-50, 50] (got {Stage2InitialLogVariance}).");
        Finite("learning-rate", LearningRate);
        if (LearningRate <= 0) throw new ConfigException($"--learning-rate must be > 0 (got {LearningRate}).");
        Finite("noise-variance", NoiseVariance);
        if (NoiseVariance < 0) throw new ConfigException($"--noise-variance must be >= 0 (got {NoiseVariance}).");
        Finite("initial-log-variance", InitialLogVariance);
        if (Math.Abs(InitialLogVariance) > 50) throw new ConfigException($"--initial-log-variance must be within [-50, 50] (got {InitialLogVariance}).");
        Finite("active-threshold", ActiveThreshold);
        if (ActiveThreshold <= 0) throw new ConfigException($"--active-threshold must be > 0 (got {ActiveThreshold}).");
        if (Decoder == DecoderKind.SigmoidAffine && DecoderHidden.Length > 0)
            throw new ConfigException($"--decoder-hidden must be empty with --decoder sigmoid-affine (got [{string.Join(",", DecoderHidden)}]).");
        if (DecoderVariance == DecoderVarianceKind.Scaled && InitialLogVariance == 0)
            throw new ConfigException("--initial-log-variance must be non-zero with --decoder-variance scaled (got 0); use --decoder-variance direct to start at eta = 0.");
        if (TrainingSetSize > 0 && TrainingSetSize < BatchSize)
            throw new ConfigException($"--training-set-size must be 0 or >= --batch-size {BatchSize} (got {TrainingSetSize}).");
        // Counts whose products index one array must stay below 2^31 elements.
        if ((long)TrainingSetSize * AmbientDim > Array.MaxLength)
            throw new ConfigException($"--training-set-size {TrainingSetSize} times n = {AmbientDim} is {(long)TrainingSetSize * AmbientDim} values, more than one array holds ({Array.MaxLength}); use a smaller training set, or 0 for fresh samples.");
        if (EvalSamples > 10_000_000)
            throw new ConfigException($"--eval-samples must be <= 10000000 (got {EvalSamples}): more would take hours and not change the estimate; 10000 is the default.");
        if (AmbientDim > 100_000 || Latent > 100_000 || EncoderHidden.Concat(DecoderHidden).Concat(Stage2Hidden).Any(h => h > 100_000) || BatchSize > 1_000_000)
            throw new ConfigException("model sizes must be <= 100000 and --batch-size <= 1000000: these sizes would not fit in memory.");
        EvalCost.Check(this);
    }

    private static void Defined<T>(string name, T value) where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
            throw new ConfigException($"--{name} must be one of {string.Join(", ", KindNames.All<T>())} (got '{value}').");
    }

    // The families of SCIENCE.md section 10.
    private void ValidateNewFamilies()
    {
        if (Family == DataFamilyKind.SwissRoll && DataDim != 2) throw new ConfigException($"--data-dim must be 2 for swiss-roll, a surface (got {DataDim}).");
        if (Family == DataFamilyKind.Union)
        {
            if (UnionDims.Length == 0) throw new ConfigException("--union-dims must list at least one dimension, e.g. [1,3,6] (got []).");
            foreach (int d in UnionDims)
                if (d < 1 || d >= DataDim) throw new ConfigException($"--union-dims must each be within [1, {DataDim - 1}] for --data-dim {DataDim} (got {d}).");
        }
        if (Rotate && Family == DataFamilyKind.File) throw new ConfigException("--rotate applies to a data family, not to --data-file.");
    }

    private static void AtLeast(string name, long value, long min, string? hint = null)
    {
        if (value < min) throw new ConfigException($"--{name} must be >= {min} (got {value}).{(hint == null ? "" : " " + hint + ".")}");
    }

    private static void Finite(string name, double value)
    {
        if (!double.IsFinite(value)) throw new ConfigException($"--{name} must be a finite number (got {value}).");
    }
}

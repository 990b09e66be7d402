namespace VaeLab.Diagnostics;

/// <summary>diagnostics.json: everything SCIENCE.md section 5 measures for one trained model.</summary>
public sealed record RunDiagnostics
{
    /// <summary>The data family's name ("linear", "sigmoid", ..., "file" for a --data-file run).</summary>
    public string Family { get; init; } = "";
    /// <summary>r, the intrinsic dimension of the data (0 when unknown: a --data-file run).</summary>
    public int IntrinsicDim { get; init; }
    /// <summary>n, the dimension of the data space.</summary>
    public int AmbientDim { get; init; }
    /// <summary>m, the latent dimension of the model.</summary>
    public int LatentDim { get; init; }
    /// <summary>Generated (and true) samples the measurements use.</summary>
    public int Samples { get; init; }

    /// <summary>σ², the decoder variance at the end of training.</summary>
    public double DecoderVariance { get; init; }
    /// <summary>σ² at initialisation (exp of the initial decoder log-variance).</summary>
    public double InitialDecoderVariance { get; init; }
    /// <summary>final sigma^2 / initial sigma^2 (C4).</summary>
    public double DecoderVarianceRatio { get; init; }

    /// <summary>The encoder variances of the latents, sorted ascending (mean over the evaluation samples when amortized).</summary>
    public double[] EncoderVariances { get; init; } = [];
    /// <summary>Latents whose encoder variance is below <see cref="ActiveThreshold"/>.</summary>
    public int ActiveLatents { get; init; }
    /// <summary>An encoder variance below this counts as an active latent.</summary>
    public double ActiveThreshold { get; init; }

    /// <summary>True for an affine decoder: its spectrum is that of the weight matrix.</summary>
    public bool AffineDecoder { get; init; }
    /// <summary>Affine: singular values of W. Otherwise: the mean over Jacobian points of each sorted singular value.</summary>
    public double[] DecoderSingularValues { get; init; } = [];
    /// <summary>A singular value counts towards a rank when it exceeds this fraction of the largest.</summary>
    public double RankThreshold { get; init; }
    /// <summary>Affine: rank of W. Otherwise: median local rank of the Jacobian.</summary>
    public int DecoderRank { get; init; }
    /// <summary>Local rank -> number of Jacobian points with that rank (nonlinear decoders).</summary>
    public SortedDictionary<int, int> LocalRankHistogram { get; init; } = [];
    /// <summary>Prior samples at which the decoder Jacobian was measured (0 for an affine decoder).</summary>
    public int JacobianPoints { get; init; }

    /// <summary>E‖x‖^2 of true data, the scale for relative errors.</summary>
    public double SignalPower { get; init; }
    /// <summary>Off-manifold error of the noise-free generated samples f(s).</summary>
    public OffManifoldError NoiseFree { get; init; } = new(0, 0, 0, 0);
    /// <summary>Off-manifold error of the generated samples with the decoder noise added.</summary>
    public OffManifoldError WithNoise { get; init; } = new(0, 0, 0, 0);

    // Linear family, closed form.
    /// <summary>Linear family: the r largest eigenvalues of the data covariance.</summary>
    public double[] TrueEigenvalues { get; init; } = [];
    /// <summary>Linear family: the r largest eigenvalues of the generated covariance W Wᵀ (noise-free), projected onto the data subspace.</summary>
    public double[] GeneratedEigenvalues { get; init; } = [];
    /// <summary>Linear family: ‖W Wᵀ − S‖_F / ‖S‖_F, generated against data covariance (NaN otherwise).</summary>
    public double CovarianceRelativeError { get; init; } = double.NaN;
    /// <summary>Linear family: the 2-Wasserstein distance between the generated and the data Gaussian (NaN otherwise).</summary>
    public double Wasserstein2 { get; init; } = double.NaN;
    /// <summary>Linear family: principal angles, in degrees, between the generated and the data subspace.</summary>
    public double[] PrincipalAnglesDegrees { get; init; } = [];

    // Nonlinear families, on projected samples.
    /// <summary>Nonlinear families: MMD² between generated and true samples (NaN otherwise).</summary>
    public double Mmd2 { get; init; } = double.NaN;
    /// <summary>Median of MMD² between two independent true samples: the reference band's centre.</summary>
    public double Mmd2ReferenceMedian { get; init; } = double.NaN;
    /// <summary>99th percentile of MMD² between two independent true samples: the reference band's top.</summary>
    public double Mmd2Reference99 { get; init; } = double.NaN;
    /// <summary>Points per side of each MMD².</summary>
    public int MmdSamples { get; init; }
    /// <summary>Bandwidth of the Gaussian kernel of the MMD (the median heuristic).</summary>
    public double MmdBandwidth { get; init; } = double.NaN;
    /// <summary>Sigmoid family: Kolmogorov-Smirnov statistic of ⟨a*, z⟩/‖a*‖ of generated samples against N(0, 1) (NaN otherwise).</summary>
    public double KsStatistic { get; init; } = double.NaN;
    /// <summary>The authors' sigmoid metric (x[d] - ⟨a*, x[:d]⟩)^2 without the sigmoid: on generated and on true samples.</summary>
    public double AuthorsSigmoidErrorGenerated { get; init; } = double.NaN;
    /// <summary>The authors' sigmoid metric on true samples (see <see cref="AuthorsSigmoidErrorGenerated"/>).</summary>
    public double AuthorsSigmoidErrorTrue { get; init; } = double.NaN;

    // --data-file runs: the dimension the VAE learned, beside classical estimates on the training data.
    /// <summary>--data-file runs: eigenvalues of the training data's covariance, descending.</summary>
    public double[] PcaSpectrum { get; init; } = [];
    /// <summary>--data-file runs: principal components that explain 95% of the variance.</summary>
    public int PcaComponents95 { get; init; }
    /// <summary>--data-file runs: principal components that explain 99% of the variance.</summary>
    public int PcaComponents99 { get; init; }
    /// <summary>--data-file runs: the TwoNN intrinsic-dimension estimate (Facco et al. 2017) on the training data.</summary>
    public double TwoNnDimension { get; init; } = double.NaN;
    /// <summary>--data-file runs: the negative ELBO on the held-out rows (NaN when none are held out).</summary>
    public double HeldOutLoss { get; init; } = double.NaN;

    /// <summary>The same measurements on two-stage samples u -> z -> x, or null for a one-stage run.</summary>
    public TwoStageDiagnostics? TwoStage { get; init; }

    /// <summary>What decides the run's outcome, judged (collapsed, correct, strict-superset, wrong) by VaeLab.Claims; null without ground truth.</summary>
    public OutcomeMeasurement? Outcome { get; init; }

    /// <summary>Nonlinear decoders: local ranks and the median singular-value spectrum at encoder means μ(x) of true points.</summary>
    public SortedDictionary<int, int> LocalRankHistogramAtData { get; init; } = [];
    /// <summary>Median over Jacobian points of each sorted singular value, at prior samples and at encoder means of true points.</summary>
    public double[] MedianSingularValues { get; init; } = [];
    /// <summary>The same median spectrum at encoder means μ(x) of true points (see <see cref="MedianSingularValues"/>).</summary>
    public double[] MedianSingularValuesAtData { get; init; } = [];

    /// <summary>The verdicts of the claims this run can judge (VaeLab.Claims).</summary>
    public ClaimVerdict[] Claims { get; init; } = [];
}

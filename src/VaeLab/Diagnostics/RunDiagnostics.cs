namespace VaeLab.Diagnostics;

/// <summary>diagnostics.json: everything SCIENCE.md section 5 measures for one trained model.</summary>
public sealed record RunDiagnostics
{
    public string Family { get; init; } = "";
    public int IntrinsicDim { get; init; }
    public int AmbientDim { get; init; }
    public int LatentDim { get; init; }
    public int Samples { get; init; }

    public double DecoderVariance { get; init; }
    public double InitialDecoderVariance { get; init; }
    /// <summary>final sigma^2 / initial sigma^2 (C4).</summary>
    public double DecoderVarianceRatio { get; init; }

    public double[] EncoderVariances { get; init; } = [];
    public int ActiveLatents { get; init; }
    public double ActiveThreshold { get; init; }

    /// <summary>True for an affine decoder: its spectrum is that of the weight matrix.</summary>
    public bool AffineDecoder { get; init; }
    /// <summary>Affine: singular values of W. Otherwise: the mean over Jacobian points of each sorted singular value.</summary>
    public double[] DecoderSingularValues { get; init; } = [];
    public double RankThreshold { get; init; }
    /// <summary>Affine: rank of W. Otherwise: median local rank of the Jacobian.</summary>
    public int DecoderRank { get; init; }
    /// <summary>Local rank -> number of Jacobian points with that rank (nonlinear decoders).</summary>
    public SortedDictionary<int, int> LocalRankHistogram { get; init; } = [];
    public int JacobianPoints { get; init; }

    /// <summary>E‖x‖^2 of true data, the scale for relative errors.</summary>
    public double SignalPower { get; init; }
    public OffManifoldError NoiseFree { get; init; } = new(0, 0, 0, 0);
    public OffManifoldError WithNoise { get; init; } = new(0, 0, 0, 0);

    // Linear family, closed form.
    public double[] TrueEigenvalues { get; init; } = [];
    public double[] GeneratedEigenvalues { get; init; } = [];
    public double CovarianceRelativeError { get; init; } = double.NaN;
    public double Wasserstein2 { get; init; } = double.NaN;
    public double[] PrincipalAnglesDegrees { get; init; } = [];

    // Nonlinear families, on projected samples.
    public double Mmd2 { get; init; } = double.NaN;
    public double Mmd2ReferenceMedian { get; init; } = double.NaN;
    public double Mmd2Reference99 { get; init; } = double.NaN;
    public int MmdSamples { get; init; }
    public double MmdBandwidth { get; init; } = double.NaN;
    public double KsStatistic { get; init; } = double.NaN;
    /// <summary>The authors' sigmoid metric (x[d] - ⟨a*, x[:d]⟩)^2 without the sigmoid: on generated and on true samples.</summary>
    public double AuthorsSigmoidErrorGenerated { get; init; } = double.NaN;
    public double AuthorsSigmoidErrorTrue { get; init; } = double.NaN;

    // --data-file runs: the dimension the VAE learned, beside classical estimates on the training data.
    public double[] PcaSpectrum { get; init; } = [];
    public int PcaComponents95 { get; init; }
    public int PcaComponents99 { get; init; }
    public double TwoNnDimension { get; init; } = double.NaN;
    public double HeldOutLoss { get; init; } = double.NaN;

    /// <summary>The same measurements on two-stage samples u -> z -> x, or null for a one-stage run.</summary>
    public TwoStageDiagnostics? TwoStage { get; init; }

    /// <summary>What decides the run's outcome, judged (collapsed, correct, strict-superset, wrong) by VaeLab.Claims; null without ground truth.</summary>
    public OutcomeMeasurement? Outcome { get; init; }

    /// <summary>Nonlinear decoders: local ranks and the median singular-value spectrum at encoder means μ(x) of true points.</summary>
    public SortedDictionary<int, int> LocalRankHistogramAtData { get; init; } = [];
    /// <summary>Median over Jacobian points of each sorted singular value, at prior samples and at encoder means of true points.</summary>
    public double[] MedianSingularValues { get; init; } = [];
    public double[] MedianSingularValuesAtData { get; init; } = [];

    public ClaimVerdict[] Claims { get; init; } = [];
}

using VaeLab.Random;

namespace VaeLab.Data;

/// <summary>
/// The Swiss roll: x = (t cos t, h, t sin t, 0_p) with t ~ U[1.5π, 4.5π] and h ~ U[0, H], H = 21 as in
/// scikit-learn's make_swiss_roll. r = 2, n = 3 + p. The distance to the roll separates into the distance of
/// (x_0, x_2) to the spiral s(t) = (t cos t, t sin t), found by a grid search over t refined by Newton steps,
/// and the distance of x_1 to [0, H].
/// </summary>
public sealed class SwissRollFamily : DataFamily
{
    /// <summary>The start of the spiral parameter, 1.5π.</summary>
    public const double TMin = 1.5 * Math.PI;

    /// <summary>The end of the spiral parameter, 4.5π.</summary>
    public const double TMax = 4.5 * Math.PI;

    /// <summary>H, the height of the roll.</summary>
    public const double Height = 21;

    private const int Grid = 1024;
    private float[] _g = [];

    /// <summary>The roll in 3 coordinates, then <paramref name="padding"/> zero coordinates.</summary>
    public SwissRollFamily(int padding, float noiseVariance = 0f)
        : base(3, padding, 2, noiseVariance)
    {
    }

    /// <inheritdoc/>
    public override string Name => "swiss-roll";

    /// <summary>E t² + E h² = (TMax³ − TMin³) / (3 (TMax − TMin)) + H² / 3 for t ~ U[TMin, TMax], h ~ U[0, H].</summary>
    protected override double NoiseFreeMeanSquaredNorm =>
        (TMax * TMax * TMax - TMin * TMin * TMin) / (3 * (TMax - TMin)) + Height * Height / 3;

    /// <inheritdoc/>
    protected override void SampleBlocks(Span<float> x, int count, NormalSampler normal)
    {
        Span<float> g = Scratch(ref _g, count * 2);
        normal.Fill(g);
        for (int i = 0; i < count; i++)
        {
            double t = TMin + (TMax - TMin) * UniformFromNormal.Cdf(g[2 * i]);
            double h = Height * UniformFromNormal.Cdf(g[2 * i + 1]);
            Span<float> row = x.Slice(i * AmbientDim, 3);
            row[0] = (float)(t * Math.Cos(t));
            row[1] = (float)h;
            row[2] = (float)(t * Math.Sin(t));
        }
    }

    /// <summary>The squared distance to the roll (a surface with boundary).</summary>
    public override double InBlockError(ReadOnlySpan<float> block)
    {
        double t = NearestT(block[0], block[2]);
        double dx = block[0] - t * Math.Cos(t), dz = block[2] - t * Math.Sin(t);
        double dh = block[1] - Math.Clamp((double)block[1], 0, Height);
        return dx * dx + dz * dz + dh * dh;
    }

    /// <summary>The nearest point of the roll.</summary>
    public override void ProjectBlock(ReadOnlySpan<float> block, Span<double> dst)
    {
        double t = NearestT(block[0], block[2]);
        dst[0] = t * Math.Cos(t);
        dst[1] = Math.Clamp((double)block[1], 0, Height);
        dst[2] = t * Math.Sin(t);
    }

    /// <summary>The parameter t in [TMin, TMax] of the spiral point nearest to (u, v).</summary>
    public static double NearestT(double u, double v)
    {
        double best = TMin, bestD = double.MaxValue, step = (TMax - TMin) / Grid;
        for (int j = 0; j <= Grid; j++)
        {
            double t = TMin + j * step, du = u - t * Math.Cos(t), dv = v - t * Math.Sin(t), d = du * du + dv * dv;
            if (d < bestD) (best, bestD) = (t, d);
        }
        // Newton on g(t) = ½‖s(t) - (u, v)‖², from the best grid point, kept inside its grid cell.
        double lo = Math.Max(TMin, best - step), hi = Math.Min(TMax, best + step), tt = best;
        for (int iter = 0; iter < 30; iter++)
        {
            double c = Math.Cos(tt), s = Math.Sin(tt);
            double ex = tt * c - u, ey = tt * s - v;
            double dx = c - tt * s, dy = s + tt * c;
            double ddx = -2 * s - tt * c, ddy = 2 * c - tt * s;
            double g1 = ex * dx + ey * dy, g2 = dx * dx + dy * dy + ex * ddx + ey * ddy;
            double next = g2 > 0 ? tt - g1 / g2 : tt - Math.Sign(g1) * step / 4;
            next = Math.Clamp(next, lo, hi);
            if (Math.Abs(next - tt) < 1e-13) break;
            tt = next;
        }
        double fu = u - tt * Math.Cos(tt), fv = v - tt * Math.Sin(tt);
        return fu * fu + fv * fv <= bestD ? tt : best;
    }

    /// <inheritdoc/>
    public override Dictionary<string, object> GroundTruth() => new()
    {
        ["family"] = Name,
        ["r"] = IntrinsicDim,
        ["n"] = AmbientDim,
        ["tRange"] = new[] { TMin, TMax },
        ["height"] = Height,
    };
}

namespace VaeLab.Claims;

/// <summary>
/// Newcombe's (1998, method 10) hybrid score interval for the difference of two independent proportions, built from their
/// Wilson intervals: it keeps the Wilson interval's good coverage at small counts and at 0 or n.
/// </summary>
public static class RateDifference
{
    /// <summary>
    /// The 95% interval for p_a − p_b: p̂_a − p̂_b − √((p̂_a − l_a)² + (u_b − p̂_b)²) to p̂_a − p̂_b + √((u_a − p̂_a)² + (p̂_b − l_b)²),
    /// with (l, u) each proportion's Wilson interval. Both proportions need at least one trial.
    /// </summary>
    public static (double Lower, double Upper) Of(Proportion a, Proportion b)
    {
        if (a.Trials == 0 || b.Trials == 0) throw new ArgumentException("both proportions need at least one trial.");
        double pa = a.Fraction, pb = b.Fraction;
        double lower = pa - pb - Math.Sqrt(Square(pa - a.Lower) + Square(b.Upper - pb));
        double upper = pa - pb + Math.Sqrt(Square(a.Upper - pa) + Square(pb - b.Lower));
        return (lower, upper);
    }

    private static double Square(double x) => x * x;
}

namespace VaeLab.Random;

/// <summary>
/// Derives independent named streams from one run seed: seed(name) = SplitMix64(seed XOR FNV-1a(name)).
/// Adding a new consumer with a new name never shifts an existing stream.
/// </summary>
public static class RngStreams
{
    /// <summary>The 64-bit seed of stream <paramref name="name"/> under <paramref name="seed"/>.</summary>
    public static ulong DeriveSeed(ulong seed, string name)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return SplitMix64.Mix(seed ^ hash);
    }

    /// <summary>A fresh generator for stream <paramref name="name"/>.</summary>
    public static Xoshiro256StarStar Create(ulong seed, string name) => new(DeriveSeed(seed, name));

    /// <summary>A normal sampler over stream <paramref name="name"/>.</summary>
    public static NormalSampler Normal(ulong seed, string name) => new(Create(seed, name));
}

namespace VaeLab.Random;

/// <summary>SplitMix64 (Steele, Lea, Flood 2014): the standard seeder for the xoshiro family.</summary>
public static class SplitMix64
{
    /// <summary>Advances <paramref name="state"/> by the golden-ratio increment and returns the mixed output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>One-shot mix of a 64-bit value, used to derive child seeds.</summary>
    public static ulong Mix(ulong value)
    {
        ulong state = value;
        return Next(ref state);
    }
}

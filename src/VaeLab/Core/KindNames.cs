using System.Text.Json;

namespace VaeLab.Core;

/// <summary>
/// The names of the kinds a setting can take (an enum member's kebab-case lower name: SigmoidAffine is
/// "sigmoid-affine"), the same names <see cref="Json.Options"/> reads and writes.
/// </summary>
public static class KindNames
{
    /// <summary>The name of <paramref name="value"/>.</summary>
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>Every name of <typeparamref name="T"/>, in declaration order.</summary>
    public static string[] All<T>() where T : struct, Enum => Enum.GetValues<T>().Select(Of).ToArray();

    /// <summary>The kind named <paramref name="name"/> (exact, lower case), or false.</summary>
    public static bool TryParse<T>(string name, out T value) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
        {
            if (Of(v) != name) continue;
            value = v;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>The kind named <paramref name="name"/>; throws <see cref="ArgumentException"/> for an unknown name.</summary>
    public static T Parse<T>(string name) where T : struct, Enum =>
        TryParse(name, out T v) ? v : throw new ArgumentException($"'{name}' is not one of {string.Join(", ", All<T>())}.");
}

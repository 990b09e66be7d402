using System.CommandLine;
using VaeLab.Configuration;

namespace VaeLab.Cli.Commands;

/// <summary>One CLI option per <see cref="RunConfig"/> setting, read back as JSON-key overrides.</summary>
public sealed class SettingOptions
{
    private readonly List<(SettingInfo Setting, Option<string?> Option)> _options = [];

    public SettingOptions(Command command)
    {
        foreach (var s in ConfigResolver.Settings)
        {
            var option = new Option<string?>("--" + s.Option) { Description = s.Description, HelpName = HelpName(s.Type) };
            if (s.Type == typeof(bool)) option.Arity = ArgumentArity.ZeroOrOne;
            command.Options.Add(option);
            _options.Add((s, option));
        }
    }

    /// <summary>The settings given on the command line, keyed by JSON key.</summary>
    public Dictionary<string, string> Overrides(ParseResult result)
    {
        var overrides = new Dictionary<string, string>();
        foreach (var (setting, option) in _options)
            if (result.GetValue(option) is { } value) overrides[setting.Key] = value;
            else if (setting.Type == typeof(bool) && result.GetResult(option) != null) overrides[setting.Key] = "true";
        return overrides;
    }

    private static string HelpName(Type t) =>
        t == typeof(string) || t.IsEnum ? "name" : t == typeof(bool) ? "[true|false]" : t == typeof(int[]) ? "h1,h2,..." : t == typeof(double) ? "x" : "n";
}

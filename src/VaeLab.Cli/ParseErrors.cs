using System.CommandLine;
using VaeLab.Configuration;
using VaeLab.Runs;

namespace VaeLab.Cli;

/// <summary>
/// Command-line parse errors (unknown option or command, missing or mistyped value, stray argument) as one
/// `error:` line with a suggestion, like every other bad input, instead of the errors followed by the whole help.
/// </summary>
public static class ParseErrors
{
    /// <summary>The error line for <paramref name="result"/>, or null when it parsed (or asks for help).</summary>
    public static string? Line(ParseResult result)
    {
        if (result.Errors.Count == 0) return null;
        if (result.Tokens.Any(t => t.Value is "--help" or "-h" or "-?")) return null;
        var command = result.CommandResult.Command;
        string path = CommandPath(result);
        string message = result.Errors[0].Message.Trim().TrimEnd('.');
        var unmatched = result.UnmatchedTokens.FirstOrDefault();
        string hint;
        if (unmatched != null && unmatched.StartsWith('-'))
        {
            string? near = ConfigResolver.Suggest(unmatched, command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)));
            hint = near != null ? $"did you mean '{near}'? " : "";
            message = $"unknown option '{unmatched}' for '{path}'";
        }
        else if (unmatched != null && command.Subcommands.Count > 0)
        {
            string? near = ConfigResolver.Suggest(unmatched, command.Subcommands.Select(c => c.Name));
            hint = near != null ? $"did you mean '{near}'? " : "";
            message = $"unknown command '{unmatched}' for '{path}'";
        }
        else if (unmatched != null)
        {
            hint = "";
            message = $"unexpected argument '{unmatched}' for '{path}'";
        }
        else hint = "";
        var typed = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(.*)'$");
        if (typed.Success)
            message = $"{typed.Groups[2].Value} must be {TypeWords(typed.Groups[3].Value)} (got '{typed.Groups[1].Value}')";
        return $"error: {message}; {hint}run '{path} --help' for the list.";
    }

    private static string TypeWords(string type) => type switch
    {
        "System.Int32" => $"an integer from {int.MinValue} to {int.MaxValue}",
        "System.Int64" => "an integer below 2^63",
        "System.Double" or "System.Single" => "a number",
        "System.Boolean" => "true or false",
        _ => "a value of type " + type,
    };

    private static string CommandPath(ParseResult result)
    {
        var names = new List<string>();
        for (var r = result.CommandResult; r != null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command is RootCommand ? "vaelab" : r.Command.Name);
        return string.Join(" ", names);
    }
}

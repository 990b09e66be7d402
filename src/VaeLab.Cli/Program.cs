using System.CommandLine;
using VaeLab.Cli.Commands;

namespace VaeLab.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("VaeLab: variational autoencoders on low-dimensional data (Koehler et al., ICLR 2022; Dai & Wipf, ICLR 2019).") { HelpName = "vaelab" };
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(TheoryCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        root.Subcommands.Add(SampleCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(DimensionCommand.Create());
        root.Subcommands.Add(CompareCommand.Create());
        return CliErrors.Run(() =>
        {
            var parsed = root.Parse(args);
            if (ParseErrors.Line(parsed) is { } line)
            {
                Console.Error.WriteLine(line);
                return ExitCodes.BadInput;
            }
            return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        });
    }
}

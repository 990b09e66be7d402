namespace VaeLab.Grids;

/// <summary>A unit of work for <see cref="WorkPool"/>: the larger <paramref name="Priority"/> goes first; running it returns its follow-up items.</summary>
public sealed record WorkItem(double Priority, Func<IEnumerable<WorkItem>> Execute);

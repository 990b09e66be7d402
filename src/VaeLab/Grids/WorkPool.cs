namespace VaeLab.Grids;

/// <summary>
/// Runs work items on a fixed number of worker threads, always taking the ready item of highest priority (ties: the
/// one queued first). An item's follow-ups (stage 2 after stage 1, analysis after training) become ready when it ends,
/// so short follow-ups fill the cores while the last long items run. What an item computes must not depend on the
/// order: the pool decides only when it runs.
/// </summary>
public static class WorkPool
{
    /// <summary>
    /// Runs <paramref name="items"/> and all their follow-ups; returns the seconds the workers spent inside items
    /// (their busy time). An <see cref="OperationCanceledException"/> from an item stops the pool: running items
    /// finish, queued ones are dropped, and the exception is rethrown. Any other exception is rethrown the same way.
    /// </summary>
    public static double Run(IEnumerable<WorkItem> items, int workers, CancellationToken cancel = default)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), workers, "at least one worker.");
        var queue = new PriorityQueue<WorkItem, (double, long)>();
        long sequence = 0;
        foreach (var item in items) queue.Enqueue(item, (-item.Priority, sequence++));
        var gate = new object();
        int running = 0;
        long busyTicks = 0;
        Exception? failure = null;

        void Work()
        {
            while (true)
            {
                WorkItem item;
                lock (gate)
                {
                    while (failure == null && !cancel.IsCancellationRequested && queue.Count == 0 && running > 0) Monitor.Wait(gate);
                    if (failure != null || cancel.IsCancellationRequested || queue.Count == 0)
                    {
                        Monitor.PulseAll(gate);
                        return;
                    }
                    item = queue.Dequeue();
                    running++;
                }
                long t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                List<WorkItem> next = [];
                Exception? error = null;
                try
                {
                    next.AddRange(item.Execute());
                }
                catch (Exception e)
                {
                    error = e;
                }
                long ticks = System.Diagnostics.Stopwatch.GetTimestamp() - t0;
                lock (gate)
                {
                    running--;
                    busyTicks += ticks;
                    if (error != null) failure ??= error;
                    foreach (var n in next) queue.Enqueue(n, (-n.Priority, sequence++));
                    Monitor.PulseAll(gate);
                }
            }
        }

        var threads = Enumerable.Range(0, workers).Select(i => new Thread(Work) { Name = $"vaelab-worker-{i}", IsBackground = true }).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        cancel.ThrowIfCancellationRequested();
        return (double)busyTicks / System.Diagnostics.Stopwatch.Frequency;
    }
}

using VaeLab.Grids;

namespace VaeLab.Tests.Grids;

public class WorkPoolTests
{
    [Fact]
    public void One_worker_takes_the_highest_priority_ready_item_and_queues_follow_ups()
    {
        var order = new List<string>();
        WorkItem Item(string name, double priority, params WorkItem[] next) => new(priority, () =>
        {
            order.Add(name);
            return next;
        });
        // a (5) runs first; its follow-up a2 (1) is then ready beside b (3) and c (3): b and c first (ties in queue order), then a2.
        WorkPool.Run([Item("b", 3), Item("a", 5, Item("a2", 1)), Item("c", 3)], workers: 1);
        Assert.Equal(["a", "b", "c", "a2"], order);
    }

    [Fact]
    public void Two_workers_run_two_items_at_once_and_the_busy_time_adds_up()
    {
        using var both = new Barrier(2);
        bool met = true;
        WorkItem Meet() => new(1, () =>
        {
            met &= both.SignalAndWait(TimeSpan.FromSeconds(20));
            Thread.Sleep(50);
            return [];
        });
        double busy = WorkPool.Run([Meet(), Meet()], workers: 2);
        Assert.True(met, "the two items did not run at the same time");
        Assert.InRange(busy, 0.1, 30);
    }

    [Fact]
    public void A_failing_item_stops_the_pool_and_its_exception_comes_back()
    {
        int ran = 0;
        var items = new[]
        {
            new WorkItem(2, () => throw new InvalidOperationException("boom")),
            new WorkItem(1, () => { Interlocked.Increment(ref ran); return []; }),
        };
        var e = Assert.Throws<InvalidOperationException>(() => WorkPool.Run(items, workers: 1));
        Assert.Equal("boom", e.Message);
        Assert.Equal(0, ran);
    }

    [Fact]
    public void Cancellation_drops_the_queued_items()
    {
        using var cts = new CancellationTokenSource();
        int ran = 0;
        var items = new[]
        {
            new WorkItem(2, () => { cts.Cancel(); return []; }),
            new WorkItem(1, () => { Interlocked.Increment(ref ran); return []; }),
        };
        Assert.ThrowsAny<OperationCanceledException>(() => WorkPool.Run(items, workers: 1, cts.Token));
        Assert.Equal(0, ran);
    }
}

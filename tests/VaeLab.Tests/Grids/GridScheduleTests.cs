using VaeLab.Grids;
using VaeLab.Runs;

namespace VaeLab.Tests.Grids;

public class GridScheduleTests
{
    [Fact]
    public void Estimates_follow_the_flops_and_steps_so_the_paper_profile_starts_with_the_sphere_trainings()
    {
        var paper = PaperGrids.All("paper");
        var sphere = paper.First(r => r.Grid == "sphere").Config;
        var sigmoid = paper.First(r => r.Grid == "sigmoid").Config;
        // 100 GFLOP/s plus 15 µs per step, as documented.
        Assert.Equal(sphere.Steps * (Flops.Run(sphere, 1, 0) / 100e9 + 15e-6), GridSchedule.Stage1Seconds(sphere), 9);
        Assert.Equal(sphere.Stage2StepsResolved * (Flops.Run(sphere, 0, 1) / 100e9 + 15e-6), GridSchedule.Stage2Seconds(sphere), 9);
        Assert.Equal(0, GridSchedule.Stage2Seconds(sphere with { TwoStage = false }));
        // Every sphere training outranks every other item; stage 2 outranks the small stage-1 trainings.
        double smallest = paper.Where(r => r.Grid == "sphere").Min(r => GridSchedule.Stage1Seconds(r.Config));
        Assert.All(paper.Where(r => r.Grid != "sphere"), r => Assert.True(GridSchedule.Stage1Seconds(r.Config) < smallest));
        Assert.All(paper, r => Assert.True(GridSchedule.Stage2Seconds(r.Config) < smallest));
        Assert.True(GridSchedule.Stage2Seconds(sigmoid) > GridSchedule.Stage1Seconds(sigmoid));
    }
}

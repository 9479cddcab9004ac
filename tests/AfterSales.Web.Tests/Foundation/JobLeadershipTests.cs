using AfterSales.Web.Infrastructure.Jobs;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>Background work runs on exactly one instance at a time, and moves when that instance stops.</summary>
public sealed class JobLeadershipTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Of_two_instances_exactly_one_runs_the_jobs_and_the_other_takes_over_when_it_stops()
    {
        // A lock of their own, so the fixture's instance stays out of this election.
        var key = Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (string, string)[] settings = [("Jobs:LockKey", key), ("Jobs:RetryInterval", "00:00:00.200")];
        var first = AppInstance.Start(settings);
        await using var second = AppInstance.Start(settings);
        try
        {
            var a = first.Services.GetRequiredService<JobLeadership>();
            var b = second.Services.GetRequiredService<JobLeadership>();
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!(a.IsLeader || b.IsLeader))
            {
                Assert.True(DateTime.UtcNow < deadline, "no instance ever led");
                await Task.Delay(50);
            }

            // Watched for a while: never both, never neither.
            for (var i = 0; i < 20; i++)
            {
                Assert.True(a.IsLeader ^ b.IsLeader, $"leaders: first {a.IsLeader}, second {b.IsLeader}");
                await Task.Delay(50);
            }

            var (leader, follower) = a.IsLeader ? (first, b) : (second, a);
            await leader.DisposeAsync();
            deadline = DateTime.UtcNow.AddSeconds(10);
            while (!follower.IsLeader)
            {
                Assert.True(DateTime.UtcNow < deadline, "the remaining instance never took over");
                await Task.Delay(50);
            }
        }
        finally
        {
            await first.DisposeAsync();
        }
    }
}

using AfterSales.Web.Infrastructure.Jobs;
using AfterSales.Web.Infrastructure.Settings;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Infrastructure.Discipline;

/// <summary>
/// Once a day looks for events that call for a reward or penalty proposal, and proposes a quality class for any
/// unclassified complaint that has none (e.g. loaded in bulk). Runs only on the instance that leads the background
/// work (<see cref="JobLeadership"/>), once per company day, and once more when leadership moves (harmless: one
/// proposal per event, unique key). Proposals only, never approvals.
/// Off when <c>Discipline:DailyScan</c> is false (the tests turn it off and scan on demand).
/// </summary>
public sealed class DailyProposalScan(IServiceScopeFactory scopes, JobLeadership leadership, CompanyClock clock, IOptions<JobOptions> jobs, IOptionsMonitor<DisciplineOptions> discipline, IOptionsMonitor<QualityOptions> quality, ILogger<DailyProposalScan> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!discipline.CurrentValue.DailyScan)
        {
            return;
        }

        DateOnly? lastRun = null;
        var wasLeader = false;
        using var timer = new PeriodicTimer(jobs.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var leads = leadership.IsLeader;
            if (!leads || (wasLeader && lastRun == clock.Today))
            {
                wasLeader = leads;
                continue;
            }

            wasLeader = true;
            lastRun = clock.Today;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var proposed = await scope.ServiceProvider.GetRequiredService<ProposalScanner>().ScanAsync(clock.Today, stoppingToken);
                logger.LogInformation("Daily scan proposed {Count} reward or penalty records", proposed);
                var classes = await Quality.ComplaintLedger.ProposeMissingAsync(
                    scope.ServiceProvider.GetRequiredService<Data.AfterSalesDbContext>(),
                    quality.CurrentValue.Classification,
                    clock,
                    stoppingToken);
                logger.LogInformation("Daily scan proposed a class for {Count} complaints", classes);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Daily reward and penalty scan failed; it runs again tomorrow");
            }
        }
    }
}

namespace AfterSales.Web.Infrastructure.Disciplining;

/// <summary>
/// Once a day (and once shortly after start) looks for events that call for a reward or penalty proposal, and
/// proposes a quality class for any unclassified complaint that has none (e.g. loaded in bulk).
/// Proposals only, never approvals; safe on several instances (one proposal per event, unique key).
/// Off when <c>Discipline:DailyScan</c> is false (the tests turn it off and scan on demand).
/// </summary>
public sealed class DailyProposalScan(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DailyProposalScan> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Discipline:DailyScan", true))
        {
            return;
        }

        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var clock = scope.ServiceProvider.GetRequiredService<CompanyClock>();
                var proposed = await scope.ServiceProvider.GetRequiredService<ProposalScanner>().ScanAsync(clock.Today, stoppingToken);
                logger.LogInformation("Daily scan proposed {Count} reward or penalty records", proposed);
                var classes = await QualityControl.ComplaintLedger.ProposeMissingAsync(
                    scope.ServiceProvider.GetRequiredService<Data.AfterSalesDbContext>(),
                    QualityControl.QualitySettings.From(configuration).Classification,
                    clock,
                    stoppingToken);
                logger.LogInformation("Daily scan proposed a class for {Count} complaints", classes);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Daily reward and penalty scan failed; it runs again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Web.Pages;

public sealed class IndexModel(DashboardCounts counts) : PageModel
{
    public DashboardCounts.Figures Figures { get; private set; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Figures = await counts.ReadAsync(cancellationToken);
}

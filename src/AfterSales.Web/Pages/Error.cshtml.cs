using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string CorrelationId { get; private set; } = "";

    public int Status { get; private set; } = 500;

    public void OnGet(int? status) => Handle(status);

    public void OnPost(int? status) => Handle(status);

    private void Handle(int? status)
    {
        CorrelationId = HttpContext.TraceIdentifier;
        Status = status ?? 500;
        Response.StatusCode = Status;
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (failure is not null)
        {
            logger.LogError(failure.Error, "Unhandled error on {Path}; correlation id {CorrelationId}", failure.Path, CorrelationId);
        }
    }
}

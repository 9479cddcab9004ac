using AfterSales.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace AfterSales.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    /// <summary>What went wrong, as the page explains it.</summary>
    public enum Kind
    {
        Failure,
        NotFound,
        BadRequest,
        RefusedInput,
    }

    public string CorrelationId { get; private set; } = "";

    public int Status { get; private set; } = 500;

    public Kind Shown { get; private set; }

    // The status comes from the query only: a re-executed POST keeps its body, and a form the framework could not
    // read (the reason for the 400) must not turn the error page itself into a 500.
    public void OnGet([FromQuery] int? status) => Handle(status);

    public void OnPost([FromQuery] int? status) => Handle(status);

    private void Handle(int? status)
    {
        CorrelationId = HttpContext.TraceIdentifier;
        Status = status is >= 400 and <= 599 ? status.Value : 500;
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (failure is not null)
        {
            var refused = Refused(failure.Error);
            if (refused is not null)
            {
                // Input the policy or PostgreSQL refuses (a NUL byte, an out-of-range value): the caller's mistake, nothing was saved.
                Status = StatusCodes.Status400BadRequest;
                Shown = refused.Value;
                logger.LogWarning("Input refused on {Path} ({Reason}); correlation id {CorrelationId}", failure.Path, failure.Error.GetType().Name, CorrelationId);
            }
            else if (failure.Error is BadHttpRequestException bad)
            {
                Status = bad.StatusCode;
                logger.LogWarning("Bad request on {Path}: {Message}; correlation id {CorrelationId}", failure.Path, bad.Message, CorrelationId);
            }
            else
            {
                logger.LogError(failure.Error, "Unhandled error on {Path}; correlation id {CorrelationId}", failure.Path, CorrelationId);
            }
        }

        if (Shown == Kind.Failure)
        {
            Shown = Status switch
            {
                404 => Kind.NotFound,
                400 when InputPolicy.Refusals(HttpContext).Count > 0 => Kind.RefusedInput,
                >= 400 and < 500 and not 404 => Kind.BadRequest,
                _ => Kind.Failure,
            };
        }

        Response.StatusCode = Status;
    }

    private static Kind? Refused(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case InputRefusedException:
                    return Kind.RefusedInput;
                case PostgresException { SqlState: var state } when state.StartsWith("22", StringComparison.Ordinal):
                    return state == PostgresErrorCodes.CharacterNotInRepertoire ? Kind.RefusedInput : Kind.BadRequest;
                case InvalidDataException:
                    return Kind.BadRequest;
            }
        }

        return null;
    }
}

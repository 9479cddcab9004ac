using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AfterSales.Web.Infrastructure.Identity;

/// <summary>
/// The policy a page handler needs beyond its page's (Razor Pages apply <c>[Authorize]</c> to a whole page, not to one
/// handler): <c>[HandlerPolicy(Policies.Manager)] public Task&lt;IActionResult&gt; OnPostPublishAsync(…)</c>.
/// Checked by <see cref="HandlerPolicyFilter"/> before the handler runs; refused as the page-level policies are
/// (sign in, or the access-denied page).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class HandlerPolicyAttribute(string policy) : Attribute
{
    public string Policy { get; } = policy;
}

/// <summary>Evaluates a handler's <see cref="HandlerPolicyAttribute"/> through <see cref="IAuthorizationService"/>.</summary>
public sealed class HandlerPolicyFilter(IAuthorizationService authorization) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var policy = context.HandlerMethod?.MethodInfo.GetCustomAttribute<HandlerPolicyAttribute>()?.Policy;
        if (policy is not null && !(await authorization.AuthorizeAsync(context.HttpContext.User, policy)).Succeeded)
        {
            context.Result = context.HttpContext.User.Identity?.IsAuthenticated == true ? new ForbidResult() : new ChallengeResult();
            return;
        }

        await next();
    }
}

/// <summary>A policy asked from a page or a view: <c>await this.AllowsAsync(Policies.Management)</c>.</summary>
public static class PolicyChecks
{
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, System.Security.Claims.ClaimsPrincipal user, string policy, object? resource = null)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        return (await authorization.AuthorizeAsync(user, resource, policy)).Succeeded;
    }

    public static Task<bool> AllowsAsync(this PageModel page, string policy, object? resource = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.HttpContext.RequestServices.GetRequiredService<IAuthorizationService>().AllowsAsync(page.User, policy, resource);
    }
}

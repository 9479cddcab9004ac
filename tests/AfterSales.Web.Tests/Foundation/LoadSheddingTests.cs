using System.Net;
using AfterSales.Web.Tests.Infrastructure;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>Beyond capacity the app says "come back in a second" instead of queueing without end.</summary>
public sealed class LoadSheddingTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Requests_beyond_the_limit_get_503_with_retry_after_and_health_still_answers()
    {
        await using var small = AppInstance.Start(("Limits:ConcurrentRequests", "1"), ("Limits:QueuedRequests", "0"));
        using var http = new HttpClient { BaseAddress = small.BaseAddress };
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => http.GetAsync(new Uri("/Account/Login", UriKind.Relative))));
        try
        {
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
            var refused = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
            Assert.NotEmpty(refused);
            Assert.All(refused, r => Assert.Equal("1", r.Headers.GetValues("Retry-After").Single()));
            // A refusal is one line of text, not the rendered error page.
            Assert.All(refused, r => Assert.Equal("text/plain", r.Content.Headers.ContentType?.MediaType));
            Assert.False(string.IsNullOrWhiteSpace(await refused[0].Content.ReadAsStringAsync()));
            Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, r.StatusCode.ToString()));
        }
        finally
        {
            foreach (var r in responses)
            {
                r.Dispose();
            }
        }

        using var health = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

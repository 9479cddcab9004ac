using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AfterSales.Web.Tests.Infrastructure;

/// <summary>Another instance of the app (its own Kestrel, caches and background services) on the test database, as behind a load balancer.</summary>
public sealed class AppInstance : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private AppInstance(WebApplicationFactory<Program> factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts an instance; the fixture's environment (connection string, switches) applies, <paramref name="settings"/> on top.</summary>
    public static AppInstance Start(params (string Key, string Value)[] settings)
    {
#pragma warning disable CA2000 // owned by the instance, disposed with it
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseUrls("http://127.0.0.1:0");
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }
        });
#pragma warning restore CA2000
        factory.UseKestrel();
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AppInstance(factory, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}

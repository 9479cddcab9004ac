using System.Diagnostics;

namespace AfterSales.Web.Tests.Foundation;

/// <summary>A fact that needs Docker Compose (the <c>docker-compose</c> command or the <c>docker compose</c> plugin); skipped, saying why, without it.</summary>
public sealed class ComposeFactAttribute : FactAttribute
{
    public ComposeFactAttribute()
    {
        if (ComposeFileTests.Compose() is null)
        {
            Skip = "Docker Compose is not installed (apt-get install docker-compose): docker-compose.yml cannot be checked here.";
        }
    }
}

/// <summary>docker-compose.yml is valid and runs the app as production would: nginx, two instances, a primary and a streaming standby.</summary>
public sealed class ComposeFileTests
{
    private static readonly string[] PluginFolders =
        ["/usr/local/lib/docker/cli-plugins", "/usr/libexec/docker/cli-plugins", "/usr/lib/docker/cli-plugins", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "cli-plugins")];

    /// <summary>The command that runs Compose here (file and leading arguments), or null.</summary>
    public static (string File, string[] Args)? Compose()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        if (path.Select(d => Path.Combine(d, "docker-compose")).FirstOrDefault(File.Exists) is { } standalone)
        {
            return (standalone, []);
        }

        var docker = path.Select(d => Path.Combine(d, "docker")).FirstOrDefault(File.Exists);
        return docker is not null && PluginFolders.Any(f => File.Exists(Path.Combine(f, "docker-compose"))) ? (docker, ["compose"]) : null;
    }

    [ComposeFact]
    public async Task The_compose_file_is_valid_and_runs_nginx_two_instances_a_primary_and_a_streaming_standby()
    {
        var services = (await ConfigAsync("--services")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["app1", "app2", "db", "db-replica", "nginx"], services.Order(StringComparer.Ordinal).ToArray());

        var config = await ConfigAsync();
        Assert.Contains("ConnectionStrings__AfterSalesReadOnly", config, StringComparison.Ordinal);
        Assert.Contains("prefer-standby", config, StringComparison.Ordinal);
        Assert.Contains("replica-entrypoint.sh", config, StringComparison.Ordinal);
        Assert.Contains("wal_level=replica", config, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", config, StringComparison.Ordinal);

        var root = RepositoryRoot();
        var entrypoint = await File.ReadAllTextAsync(Path.Combine(root, "deploy", "replica-entrypoint.sh"));
        Assert.Contains("pg_basebackup", entrypoint, StringComparison.Ordinal);
        Assert.Contains(" -R ", entrypoint, StringComparison.Ordinal);
        var nginx = await File.ReadAllTextAsync(Path.Combine(root, "deploy", "nginx.conf"));
        Assert.Contains("server app1:8080", nginx, StringComparison.Ordinal);
        Assert.Contains("server app2:8080", nginx, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-Proto", nginx, StringComparison.Ordinal);
    }

    private static async Task<string> ConfigAsync(params string[] args)
    {
        var (file, leading) = Compose()!.Value;
        var psi = new ProcessStartInfo(file, [.. leading, "-f", Path.Combine(RepositoryRoot(), "docker-compose.yml"), "config", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"compose config failed: {await errors}");
        return await output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "docker-compose.yml")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("docker-compose.yml not found above " + AppContext.BaseDirectory);
    }
}

using System.Globalization;
using System.Threading.RateLimiting;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AfterSales.Web.Data;
using AfterSales.Web.Infrastructure.Auditing;
using AfterSales.Web.Infrastructure.Dispatch;
using AfterSales.Web.Infrastructure.Identity;
using AfterSales.Web.Infrastructure.Postgres;
using AfterSales.Web.Infrastructure.Security;
using AfterSales.Web.Infrastructure.Seeding;
using AfterSales.Web.Infrastructure.Settings;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Serilog;
using Serilog.Context;

namespace AfterSales.Web.Infrastructure;

public static class ServiceSetup
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static void AddAfterSales(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.Host.UseSerilog((context, _, logger) =>
        {
            logger.ReadFrom.Configuration(context.Configuration)
                .Enrich.FromLogContext()
                // A busy port is told in one line by Program (DatabaseStartup.Describe), not as Kestrel's and the host's traces.
                .Filter.ByExcluding(e => e.Exception is IOException { InnerException: Microsoft.AspNetCore.Connections.AddressInUseException })
                // While the database is down, each request's 503 is one warning (DatabaseOutage), not EF's errors per command.
                .Filter.ByExcluding(DatabaseOutage.IsOutageNoise)
                .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId}{NewLine}{Exception}");
            var logFolder = SettingsSetup.Read<LogFileOptions>(context.Configuration, LogFileOptions.Section).Folder ?? Path.Combine(context.HostingEnvironment.ContentRootPath, "logs");
            if (!string.Equals(logFolder, "none", StringComparison.OrdinalIgnoreCase))
            {
                logger.WriteTo.File(
                    Path.Combine(logFolder, "aftersales-.log"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 14,
                    outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {CorrelationId} {Message:lj}{NewLine}{Exception}");
            }
        });

        services.AddSingleton(TimeProvider.System);
        services.AddValidatedSettings();

        // Chinese text is written as is, not as &#x…; entities.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<CommitCheck>();
        services.AddSingleton<SessionStamps>();
        services.AddSingleton<SessionStampInterceptor>();
        services.AddHostedService<SessionStampListener>();
        services.AddSingleton<Dispatch.BoardEvents>();
        services.AddHostedService<Dispatch.BoardEventListener>();
        services.AddHostedService<Dispatch.BoardNoticeRelay>();
        var connectionString = DatabaseConnection.WithPoolLimit(configuration);
        services.AddDbContext<AfterSalesDbContext>((sp, options) =>
        {
            options.UseNpgsql(
                connectionString,
                npgsql => npgsql.ExecutionStrategy(d => new DatabaseRetryStrategy(d)).MigrationsAssembly(typeof(AfterSalesDbContext).Assembly.GetName().Name))
                .UseSnakeCaseNamingConvention();
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<SessionStampInterceptor>(), sp.GetRequiredService<CommitCheck>());
        });

        // What an aggregate's domain events do to other aggregates, run by AfterSalesDbContext's save (DomainEventDispatch).
        services.AddDomainEventReactions();

        // Lists, reports and exports read through ReadDbContext: a hot standby when one is configured.
        ReadRouting.AddReadDbContext(services, configuration);

        // Refused text (control characters, bidirectional overrides) never reaches PostgreSQL from a request.
        services.AddSingleton<RefusedInputGuard>();
        services.ConfigureDbContext<AfterSalesDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<RefusedInputGuard>()));
        services.ConfigureDbContext<ReadDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<RefusedInputGuard>()));
        services.AddWebSecurity(configuration, builder.Environment);
        var https = WebSecurity.RequireHttps(configuration, builder.Environment);

        services.AddIdentity<AppUser, IdentityRole>(IdentitySetup.Configure)
            .AddEntityFrameworkStores<AfterSalesDbContext>()
            .AddSignInManager<AppSignInManager>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        var sessions = SettingsSetup.Read<SignInSessionOptions>(configuration, SignInSessionOptions.Section);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = WebSecurity.CookieName(WebSecurity.AuthCookie, https);
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            // Idle (sliding) lifetime here; the absolute one (Identity:SessionMaxLifetime) and sign-out are checked by SessionStamps.
            options.ExpireTimeSpan = sessions.SessionIdleTimeout;
            options.SlidingExpiration = true;

            // A disabled user's, a changed password's or changed roles' sessions end at the next request, on every
            // instance, without reading Identity on each request (SessionStamps); so does a signed-out session.
            options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<SessionStamps>().ValidateAsync(context);
        });

        services.AddDataProtection()
            .SetApplicationName("AfterSales")
            .PersistKeysToDbContext<AfterSalesDbContext>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .PostConfigure(options => options.XmlRepository = options.XmlRepository is null ? null : new CachedKeyRepository(options.XmlRepository));

        services.AddAuthorization(Policies.Add);
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture("zh-CN");
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new QueryStringRequestCultureProvider()];
        });

        // Who may open what: folders and pages name their policy here (Policies), handlers with [HandlerPolicy];
        // several policies on one page must all allow. Everything else needs a signed-in user (the fallback policy).
        services.AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/Admin", Policies.Admin);
                options.Conventions.AuthorizeFolder("/Tickets", Policies.ServiceStaff);
                options.Conventions.AuthorizePage("/Tickets/New", Policies.Intake);
                options.Conventions.AuthorizeFolder("/Customers", Policies.ServiceStaff);
                options.Conventions.AuthorizeFolder("/Units", Policies.ServiceStaff);
                options.Conventions.AuthorizeFolder("/Dispatch", Policies.Dispatch);
                options.Conventions.AuthorizeFolder("/WorkOrders", Policies.FieldWork);
                options.Conventions.AuthorizePage("/WorkOrders/Daily", Policies.Desk);
                options.Conventions.AuthorizeFolder("/FollowUps", Policies.Desk);
                options.Conventions.AuthorizeFolder("/Technicians", Policies.TechnicianAdmin);
                options.Conventions.AuthorizeFolder("/Quality", Policies.QualityDesk);
                options.Conventions.AuthorizeFolder("/Quality/Reports", Policies.Quality);
                options.Conventions.AuthorizePage("/Quality/Summary", Policies.Quality);
                options.Conventions.AuthorizeFolder("/Exchanges", Policies.Exchanges);
                options.Conventions.AuthorizePage("/Exchanges/New", Policies.ExchangeRequest);
                options.Conventions.AuthorizePage("/Discipline/Records", Policies.DisciplineRecords);
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AllowAnonymousToPage("/Error");
                options.Conventions.AllowAnonymousToPage("/Culture");
            })
            .AddMvcOptions(options =>
            {
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;

                // A handler's own policy ([HandlerPolicy]), on top of its page's.
                options.Filters.Add<HandlerPolicyFilter>();

                // The posted input models' FluentValidation validators, before the handler (InputValidationFilter).
                options.Filters.Add<Changes.InputValidationFilter>();

                // One input policy for every bound text and date (InputPolicy).
                options.ModelBinderProviders.Insert(0, new InputPolicyBinderProvider(options.ModelBinderProviders));
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        // Model-binding messages ("'abc' is not a valid value") in the user's language too.
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
        {
            var l = factory.Create(typeof(SharedResource));
            var messages = options.ModelBindingMessageProvider;
            messages.SetValueIsInvalidAccessor(value => l["Binding.ValueIsInvalid", value]);
            messages.SetAttemptedValueIsInvalidAccessor((value, _) => l["Binding.ValueIsInvalid", value]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Binding.ValueIsInvalid", value]);
            messages.SetValueMustBeANumberAccessor(_ => l["Binding.MustBeANumber"]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Binding.MustBeANumber"]);
            messages.SetUnknownValueIsInvalidAccessor(_ => l["Binding.Invalid"]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Binding.Invalid"]);
            messages.SetValueMustNotBeNullAccessor(_ => l["Validation.Required"]);
            messages.SetMissingBindRequiredValueAccessor(_ => l["Validation.Required"]);
            messages.SetMissingKeyOrValueAccessor(() => l["Validation.Required"]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Required"]);
        });

        // Validators are built once: FluentValidation compiles each rule's property access when the validator is
        // constructed, which per request cost the intake call more CPU than its own queries. Their messages are
        // looked up at validation time (WithMessage(_ => l[...])), so a shared validator still speaks the request's language.
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        // Beyond capacity, requests wait in a short queue (oldest first) and the rest are told to come back
        // (503 + Retry-After), so accepted requests stay fast and the database pool is never exhausted.
        var limits = SettingsSetup.Read<RequestLimitsOptions>(configuration, RequestLimitsOptions.Section);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            options.OnRejected = async (context, cancellationToken) =>
            {
                // A refusal costs next to nothing: one line in the reader's language, no error page rendered, and
                // logged as what it is (the app doing its job under overload), not as an error.
                var http = context.HttpContext;
                http.Items[ShedRequest] = true;
                http.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
                http.Response.Headers.RetryAfter = "1";
                http.Response.ContentType = "text/plain; charset=utf-8";
                var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                await http.Response.WriteAsync(l["Outage.Title"], cancellationToken);
            };
            // Sized by cores: a request is mostly CPU here (the database answers in a few milliseconds), so more
            // requests at once only share the same cores more thinly, and a longer queue only makes the accepted wait.
            // 16 per core at once and 16 per core waiting keep a 2-core instance's accepted calls within about a
            // second at twice its capacity.
            var (permits, queue) = (limits.ConcurrentRequests, limits.QueuedRequests);
            // Health checks, and the board's event streams: those stay open for minutes and would hold a permit each
            // the whole time; BoardEvents caps them on their own (Board:MaxSubscribers).
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetNoLimiter("health")
                    : context.Request.Path.StartsWithSegments(Dispatch.BoardEventsEndpoint.Path, StringComparison.OrdinalIgnoreCase)
                    ? RateLimitPartition.GetNoLimiter("board-events")
                    : RateLimitPartition.GetConcurrencyLimiter("requests", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = permits,
                        QueueLimit = queue,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
        });

        // Readiness answers within a second, database down or not (no retries, a short deadline).
        var health = services.AddHealthChecks().AddCheck("database", new DatabaseHealthCheck(connectionString ?? ""), tags: ["ready"]);
        if (DatabaseConnection.WithPoolLimit(configuration, ReadRouting.ConnectionName) is { Length: > 0 } readOnly)
        {
            health.AddCheck("read-database", new DatabaseHealthCheck(readOnly), tags: ["ready"]);
        }

        services.AddSingleton<CompanyClock>();
        services.AddScoped<WorkCalendar>();
        services.AddScoped<ReportDates>();
        services.AddScoped<Pages.Tickets.CallIntake>();
        services.AddScoped<Dispatch.DispatchService>();
        services.AddScoped<FollowUps.WeeklyReport>();
        services.AddScoped<Discipline.ProposalScanner>();
        services.AddSingleton<Pages.Discipline.DismissalAlerts>();
        services.AddSingleton<Jobs.JobLeadership>();
        services.AddHostedService(sp => sp.GetRequiredService<Jobs.JobLeadership>());
        services.AddHostedService<Discipline.DailyProposalScan>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<TicketSeeder>();
        services.AddScoped<StaffSeeder>();
        services.AddScoped<DisciplineSeeder>();
        services.AddScoped<TallySeeder>();
        services.AddScoped<AccountBootstrap>();
        services.AddScoped<ReferenceData>();
        services.AddScoped<DashboardCounts>();
        services.AddMemoryCache();
    }

    /// <summary>Marks a request the load limiter refused (HttpContext.Items).</summary>
    private const string ShedRequest = "aftersales:shed";

    public static void UseAfterSales(this WebApplication app)
    {
        app.UseWebSecurity();
        app.Use(async (context, next) =>
        {
            // One id ties the error page, the response and every log line of a request together; set as the response
            // starts, so an error response (whose headers the exception handler clears) carries it too.
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["X-Correlation-Id"] = context.TraceIdentifier;
                return Task.CompletedTask;
            });
            using (LogContext.PushProperty("CorrelationId", context.TraceIdentifier))
            {
                await next();
            }
        });
        app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseErrorPageWithoutBody();
        app.UseSerilogRequestLogging(options => options.GetLevel = (context, _, error) =>
            context.Items.ContainsKey(DatabaseOutage.Answered503) ? Serilog.Events.LogEventLevel.Debug
            : error is not null || (context.Response.StatusCode >= 500 && !context.Items.ContainsKey(ShedRequest))
                ? Serilog.Events.LogEventLevel.Error
                : Serilog.Events.LogEventLevel.Information);
        app.UseRequestLocalization();
        app.UseMiddleware<DatabaseOutage>();
        ReadRouting.UseReadYourWrites(app);
        app.UseStaticFiles();
        app.UseRateLimiter();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapBoardEvents();
        app.MapRazorPages();
    }
}

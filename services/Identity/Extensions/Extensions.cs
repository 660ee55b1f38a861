using CustomerPlatform.Messaging;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Identity;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(IdentitySettings.Section).Get<IdentitySettings>() ?? new IdentitySettings();
        builder.Services.Configure<IdentitySettings>(builder.Configuration.GetSection(IdentitySettings.Section));
        builder.Services.Configure<RateLimitSettings>(builder.Configuration.GetSection(RateLimitSettings.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);

        // Hosted services start in this order: the migration (replicas take turns, see ServiceDefaults),
        // the bus, then the server's keys and the seeding, one replica at a time (StartupLock).
        builder.AddPostgresDbContext<IdentityDbContext>(ResourceNames.Databases.Identity);
        builder.AddMessaging<IdentityDbContext>(
            bus => bus.AddConsumer<AnnounceStaffConsumer>(),
            messaging => messaging.AddPostgresScheduler<IdentityDbContext>(SchedulerQueueName(ResourceNames.Services.Identity)));
        builder.Services.AddSingleton<StartupLock>();
        builder.Services.AddHostedService<StartupLock.Acquire>();

        // Stateless, so one for the process (Identity would register it per request).
        builder.Services.Configure<PasswordHashingSettings>(builder.Configuration.GetSection(PasswordHashingSettings.Section));
        builder.Services.AddSingleton<IPasswordHasher<PlatformUser>, PlatformPasswordHasher>();
        builder.Services.AddIdentityCore<PlatformUser>(options => options.User.RequireUniqueEmail = true)
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<IdentityDbContext>();

        // Cookies and anti-forgery tokens made by one replica must open on the other. The key ring is
        // in identitydb, encrypted with the key-encryption key like the server's keys (ADR-016).
        builder.Services.AddSingleton(services => KeyEncryptionKey.FromConfiguration(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddSingleton<KeyEncryptionSecret>(services => services.GetRequiredService<KeyEncryptionKey>());
        builder.Services.AddDataProtection()
            .SetApplicationName("customerplatform-identity")
            .PersistKeysToDbContext<IdentityDbContext>();
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<KeyEncryptionKey>((options, key) => options.XmlEncryptor = new KeyRingEncryptor(key, typeof(KeyRingXmlDecryptor)));

        builder.AddOidcServer(settings);
        builder.AddSignInSession();

        // Identity checks its own access tokens like every service, with its keys read locally.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<ServerKeyStore>((options, store) => options.ConfigurationManager = new LocalServerConfiguration(store, settings.Issuer));

        builder.Services.AddSingleton(_ => CommonPasswords.Load());
        builder.Services.AddSingleton<PasswordPolicy>();
        builder.Services.AddSingleton<DummyPasswordHash>();
        builder.Services.AddSingleton<PasswordWork>();
        builder.Services.AddSingleton<RateLimiter>();
        builder.Services.AddScoped<AccountTokens>();
        builder.Services.AddScoped<AccountEmails>();
        builder.Services.AddScoped<SignUpService>();
        builder.Services.AddScoped<EmailVerificationService>();
        builder.Services.AddScoped<PasswordResetService>();
        builder.Services.AddScoped<SignInService>();
        builder.Services.AddScoped<AccountChangeService>();
        builder.Services.AddScoped<AccountSessions>();
        builder.Services.AddSingleton<AccessRevocationSignal>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AccessRevocationSignal>());
        builder.Services.AddSingleton<IAccessRevocationFeed, AccessRevocationFeed>();
        builder.Services.AddScoped<StaffAccountEvents>();
        builder.Services.AddScoped<TokenPrincipalFactory>();
        builder.Services.AddScoped<ClientSeeder>();

        builder.Services.AddHostedService<ServerKeyRotation>();
        builder.Services.AddHostedService<IdentitySeeder>();
        builder.Services.AddHostedService<StartupLock.Release>();
        builder.Services.AddHostedService<Housekeeping>();
    }
}

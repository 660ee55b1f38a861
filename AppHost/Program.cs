using CustomerPlatform.AppHost.Resources;
using CustomerPlatform.Contracts;

var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = args, AllowUnsecuredTransport = true });
var options = builder.UseLocalDefaults();

var postgres = builder.AddPostgres(ResourceNames.Postgres);
var messaging = builder.AddRabbitMQ(ResourceNames.Messaging);
var mail = builder.AddMailDev(ResourceNames.Mail);
if (options.InfrastructureOnly)
{
    // Just the servers (with one database), for the AppHost's own process tests and for measuring them alone.
    postgres.AddDatabase(ResourceNames.Databases.Identity);
    builder.Build().Run();
    return;
}

var identity = AddService<Projects.CustomerPlatform_Identity>(ResourceNames.Services.Identity, ResourceNames.Databases.Identity);
var onboarding = AddService<Projects.CustomerPlatform_Onboarding>(ResourceNames.Services.Onboarding, ResourceNames.Databases.Onboarding);
var training = AddService<Projects.CustomerPlatform_Training>(ResourceNames.Services.Training, ResourceNames.Databases.Training);
var ticketing = AddService<Projects.CustomerPlatform_Ticketing>(ResourceNames.Services.Ticketing, ResourceNames.Databases.Ticketing);
var notifications = AddService<Projects.CustomerPlatform_Notifications>(ResourceNames.Services.Notifications, ResourceNames.Databases.Notifications)
    .WithReference(mail).WaitFor(mail);
var loyalty = AddService<Projects.CustomerPlatform_Loyalty>(ResourceNames.Services.Loyalty, ResourceNames.Databases.Loyalty);
var customers = AddService<Projects.CustomerPlatform_Customers>(ResourceNames.Services.Customers, ResourceNames.Databases.Customers);
IResourceBuilder<ProjectResource>[] services = [identity, onboarding, training, ticketing, notifications, loyalty, customers];

var gateway = builder.AddProject<Projects.CustomerPlatform_Gateway>(ResourceNames.Gateway, project => project.ExcludeLaunchProfile = true)
    .WithHttpEndpoint(port: options.Ports.Gateway == 0 ? null : options.Ports.Gateway, name: "http")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithEnvironment("ASPNETCORE_ENVIRONMENT", options.ProjectEnvironment);
foreach (var service in services)
    gateway.WithReference(service).WaitFor(service);

// Tokens name the gateway's origin as their issuer, and the emails link to the app there.
foreach (var project in services.Append(gateway))
    project.WithEnvironment("Identity__Issuer", gateway.GetEndpoint("http"));
identity.WithEnvironment("Identity__AppOrigin", gateway.GetEndpoint("http"));

// Identity's private keys are encrypted in identitydb with a secret kept outside it (ADR-016).
var keyEncryptionKey = builder.AddGeneratedSecret(
    "identity-key-encryption-key", Path.Combine(options.ResolveDataDirectory(), ResourceNames.Services.Identity, "key-encryption-key"), length: 48);
identity.WithEnvironment("Identity__KeyEncryptionKey", keyEncryptionKey);
// The gateway signs the app's users in as Identity's confidential client customer-app (its backend-for-frontend).
var gatewayData = Path.Combine(options.ResolveDataDirectory(), ResourceNames.Gateway);
var appClientSecret = builder.AddGeneratedSecret("app-client-secret", Path.Combine(gatewayData, "app-client-secret"), length: 48);
identity.WithEnvironment("Identity__AppClientSecret", appClientSecret);
// The keys that encrypt its session cookies are kept in a folder, themselves encrypted with a secret kept apart.
var gatewayKeyEncryptionKey = builder.AddGeneratedSecret("gateway-key-encryption-key", Path.Combine(gatewayData, "key-encryption-key"), length: 48);
gateway.WithEnvironment("App__ClientSecret", appClientSecret)
    .WithEnvironment("Gateway__KeysDirectory", Path.Combine(gatewayData, "keys"))
    .WithEnvironment("Gateway__KeyEncryptionKey", gatewayKeyEncryptionKey);
// A published app (trimmed and compressed; run.sh makes one in Release) instead of the build's assets.
if (builder.Configuration["AppHost:AppRoot"] is { Length: > 0 } appRoot)
    gateway.WithEnvironment("Gateway__AppRoot", Path.GetFullPath(appRoot));
onboarding.WithEnvironment("Onboarding__AppOrigin", gateway.GetEndpoint("http"));
ticketing.WithEnvironment("Ticketing__AppUrl", gateway.GetEndpoint("http"));
// The email provider signs the messages it posts to the support desk with this shared secret.
var inboundEmailSecret = builder.AddGeneratedSecret(
    "inbound-email-secret", Path.Combine(options.ResolveDataDirectory(), ResourceNames.Services.Ticketing, "inbound-email-secret"), length: 48);
ticketing.WithEnvironment("Ticketing__InboundEmail__Secret", inboundEmailSecret);
// The integrations that bring in reviews, social mentions and survey comments sign theirs with another.
var feedbackSecret = builder.AddGeneratedSecret(
    "feedback-secret", Path.Combine(options.ResolveDataDirectory(), ResourceNames.Services.Ticketing, "feedback-secret"), length: 48);
ticketing.WithEnvironment("Ticketing__Feedback__Secret", feedbackSecret);

// Every service checks access tokens against Identity's signing keys (its JWKS, read through service
// discovery when the first token arrives, so no service waits for Identity to start).
foreach (var service in services.Where(s => s != identity))
    service.WithReference(identity);

builder.Build().Run();

// Each service owns one database on the shared server and talks to the others over RabbitMQ.
IResourceBuilder<ProjectResource> AddService<TProject>(string name, string database) where TProject : IProjectMetadata, new()
{
    var db = postgres.AddDatabase(database);
    return builder.AddProject<TProject>(name, project => project.ExcludeLaunchProfile = true)
        .WithHttpEndpoint(name: "http")
        .WithHttpHealthCheck("/health")
        .WithEnvironment("ASPNETCORE_ENVIRONMENT", options.ProjectEnvironment)
        .WithReplicas(options.Replicas.GetValueOrDefault(name, 1))
        .WithReference(db).WaitFor(db)
        .WithReference(messaging).WaitFor(messaging);
}

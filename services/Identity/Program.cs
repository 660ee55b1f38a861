using CustomerPlatform.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapIdentityApiV1();
app.MapConnectEndpoints();
app.MapSignInPage();

app.Run();

/// <summary>Reachable from tests: <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;

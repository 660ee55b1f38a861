using CustomerPlatform.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddGateway();
builder.AddGatewayRateLimits();
builder.AddAppSession();
builder.AddAppPages();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseRequestBodyLimit();
// The session's access token goes on the request before authentication reads it (a handler keeps its first result).
app.MapDefaultEndpoints(beforeAuthentication: web => web.UseAppSession());
app.UseTokenValidation();
app.UseRateLimiter();
app.UseAntiforgery();
app.UseAppPageCaching();
app.MapAppSession();
app.MapAppPages();
app.MapReverseProxy();

app.Run();

public partial class Program;

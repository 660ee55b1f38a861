using CustomerPlatform.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddGateway();
builder.AddGatewayRateLimits();

var app = builder.Build();

app.UseSecurityHeaders();
app.UseRequestBodyLimit();
app.MapDefaultEndpoints();
app.UseTokenValidation();
app.UseRateLimiter();
app.MapReverseProxy();

app.Run();

public partial class Program;

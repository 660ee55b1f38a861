using CustomerPlatform.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddDefaultAuthentication();
builder.AddGateway();

var app = builder.Build();

app.UseSecurityHeaders();
app.MapDefaultEndpoints();
app.UseTokenValidation();
app.MapReverseProxy();

app.Run();

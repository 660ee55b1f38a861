using CustomerPlatform.Onboarding;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapOnboardingApiV1();

app.Run();
public partial class Program;

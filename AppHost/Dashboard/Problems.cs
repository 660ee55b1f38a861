using Microsoft.AspNetCore.Http;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>The RFC 9457 problem responses the dashboard API gives.</summary>
internal static class Problems
{
    public static IResult Unauthorized() => Results.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "Sign in to the dashboard",
        detail: "Open the login link the AppHost printed, or send the browser token as 'Authorization: Bearer <token>'.");

    public static IResult MissingAntiForgeryHeader() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Missing anti-forgery header",
        detail: $"Requests authenticated by the dashboard cookie must send the '{DashboardAccess.AntiForgeryHeader}' header.");

    public static IResult UnknownResource(string name) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown resource",
        detail: $"There is no resource named '{name}'.");

    public static IResult UnknownCommand(string command) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Unknown command",
        detail: $"'{command}' is not a command; use start, stop or restart.");
}

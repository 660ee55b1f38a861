using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>Lets a request through only with the session cookie or the bearer token.</summary>
internal static class DashboardAuthentication
{
    public static IApplicationBuilder UseDashboardAuthentication(this IApplicationBuilder app)
    {
        var access = app.ApplicationServices.GetRequiredService<DashboardAccess>();
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;

            // The login page must be reachable signed out, and it needs the stylesheet; the static
            // assets hold no data about the platform.
            if (path.StartsWithSegments("/login") || path.StartsWithSegments("/assets"))
            {
                await next(context);
                return;
            }

            var credential = access.Identify(context.Request);
            if (credential == CallerCredential.None)
            {
                if (path.StartsWithSegments("/api"))
                    await Problems.Unauthorized().ExecuteAsync(context);
                else
                    context.Response.Redirect("/login");
                return;
            }

            if (credential == CallerCredential.Cookie
                && !HttpMethods.IsGet(context.Request.Method)
                && !HttpMethods.IsHead(context.Request.Method)
                && !context.Request.Headers.ContainsKey(DashboardAccess.AntiForgeryHeader))
            {
                await Problems.MissingAntiForgeryHeader().ExecuteAsync(context);
                return;
            }

            await next(context);
        });
    }
}

using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;

namespace CustomerPlatform.Identity;

/// <summary>The markup of <see cref="SignInPage"/>: no script and no inline style, so the gateway's strict CSP allows it.</summary>
internal static class SignInPageHtml
{
    public const string Stylesheet = """
        body { font-family: system-ui, sans-serif; background: #f4f5f7; margin: 0; }
        main { max-width: 22rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: .5rem; box-shadow: 0 1px 3px #0002; }
        label { display: block; margin-top: 1rem; }
        input[type=email], input[type=password] { width: 100%; padding: .5rem; box-sizing: border-box; }
        button { margin-top: 1.5rem; width: 100%; padding: .6rem; }
        .error { color: #a00; }
        """;

    public static string Render(string returnUrl, string? email, string? error, AntiforgeryTokenSet tokens)
    {
        var html = HtmlEncoder.Default;
        var errorBlock = error is null ? "" : $"""<p class="error" role="alert">{html.Encode(error)}</p>""";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <meta name="description" content="Sign in to CustomerPlatform.">
              <title>Sign in · CustomerPlatform</title>
              <link rel="icon" href="/favicon.svg" type="image/svg+xml">
              <link rel="stylesheet" href="{SignInPage.StylesheetPath}">
            </head>
            <body>
              <main>
                <h1>Sign in</h1>
                {errorBlock}
                <form method="post" action="{SignInPage.Path}">
                  <input type="hidden" name="{html.Encode(tokens.FormFieldName)}" value="{html.Encode(tokens.RequestToken ?? "")}">
                  <input type="hidden" name="returnUrl" value="{html.Encode(returnUrl)}">
                  <label for="email">Email</label>
                  <input id="email" name="email" type="email" autocomplete="username" required value="{html.Encode(email ?? "")}">
                  <label for="password">Password</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <button type="submit">Sign in</button>
                </form>
                <p><a href="/forgot-password">Forgot your password?</a> · <a href="/sign-up">Create an account</a></p>
              </main>
            </body>
            </html>
            """;
    }
}

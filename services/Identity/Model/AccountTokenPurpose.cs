namespace CustomerPlatform.Identity;

/// <summary>What a one-time <see cref="AccountToken"/> proves when it is redeemed.</summary>
public static class AccountTokenPurpose
{
    public const string VerifyEmail = "verify-email";
    public const string ResetPassword = "reset-password";
    public const string ChangeEmail = "change-email";
}

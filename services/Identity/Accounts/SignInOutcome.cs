namespace CustomerPlatform.Identity;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Unknown address, wrong password or a locked account: deliberately one answer.</summary>
    Refused,

    /// <summary>The password is right but the address was never verified.</summary>
    NotVerified,
}

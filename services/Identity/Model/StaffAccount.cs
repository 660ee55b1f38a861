namespace CustomerPlatform.Identity;

/// <summary>A staff account seeded in Development: verified, with one of the staff roles.</summary>
public sealed class StaffAccount
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public string Password { get; set; } = "";
}

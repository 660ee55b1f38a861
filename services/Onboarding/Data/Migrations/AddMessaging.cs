using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Onboarding.Data.Migrations;

[DbContext(typeof(OnboardingDbContext))]
[Migration("20261123000000_AddMessaging")]
public sealed class AddMessaging : MessagingTablesMigration;

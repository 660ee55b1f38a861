using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Notifications.Data.Migrations;

[DbContext(typeof(NotificationsDbContext))]
[Migration("20261123000000_AddMessaging")]
public sealed class AddMessaging : MessagingTablesMigration;

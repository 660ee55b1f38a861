using CustomerPlatform.Messaging;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Ticketing.Data.Migrations;

[DbContext(typeof(TicketingDbContext))]
[Migration("20261123000000_AddMessaging")]
public sealed class AddMessaging : MessagingTablesMigration;

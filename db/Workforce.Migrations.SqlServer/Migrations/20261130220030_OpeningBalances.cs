using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workforce.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OpeningBalances : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OpeningBalances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    WorkerId = table.Column<long>(type: "bigint", nullable: false),
                    AsOf = table.Column<string>(type: "nvarchar(7)", maxLength: 7, nullable: false),
                    IncomeFen = table.Column<long>(type: "bigint", nullable: false),
                    DeductionMonths = table.Column<int>(type: "int", nullable: false),
                    SpecialFen = table.Column<long>(type: "bigint", nullable: false),
                    AdditionalFen = table.Column<long>(type: "bigint", nullable: false),
                    TaxFen = table.Column<long>(type: "bigint", nullable: false),
                    ReserveFen = table.Column<long>(type: "bigint", nullable: false),
                    GrossFen = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpeningBalances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpeningBalances_Workers_WorkerId",
                        column: x => x.WorkerId,
                        principalTable: "Workers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OpeningBalances_WorkerId_AsOf",
                table: "OpeningBalances",
                columns: new[] { "WorkerId", "AsOf" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpeningBalances");
        }
    }
}

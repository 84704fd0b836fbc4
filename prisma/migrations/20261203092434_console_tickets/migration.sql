-- CreateTable
CREATE TABLE "console_tickets" (
    "id" SERIAL NOT NULL,
    "ticket_hash" TEXT NOT NULL,
    "vps_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "request_id" INTEGER NOT NULL,
    "session_id" TEXT,
    "token_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),

    CONSTRAINT "console_tickets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "console_tickets_ticket_hash_key" ON "console_tickets"("ticket_hash");

-- CreateIndex
CREATE INDEX "console_tickets_created_at_idx" ON "console_tickets"("created_at");


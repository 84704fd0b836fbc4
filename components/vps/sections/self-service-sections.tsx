"use client";
// The VPS page's self-service sections (network, snapshots, backups), placed by vps-detail.tsx.
import { BackupsSection } from "./backups-section";
import { NetworkSection } from "./network-section";
import type { SectionProps } from "./section-kit";
import { SnapshotsSection } from "./snapshots-section";

export function SelfServiceSections(props: SectionProps) {
  return (
    <>
      <NetworkSection {...props} />
      <SnapshotsSection {...props} />
      <BackupsSection {...props} />
    </>
  );
}

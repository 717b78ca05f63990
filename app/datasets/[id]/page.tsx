import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DatasetCard } from "@/components/dataset-card";
import { getLineage } from "@/lib/catalog";
import { getDataset, loadCatalog } from "@/lib/data";

interface PageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const dataset = getDataset((await params).id);
  if (!dataset) notFound();
  return { title: dataset.title, description: dataset.description };
}

export default async function DatasetPage({ params }: PageProps) {
  const { id } = await params;
  const dataset = getDataset(id);
  if (!dataset) notFound();
  const lineage = getLineage(loadCatalog(), id);
  return <DatasetCard dataset={dataset} parents={lineage.parents} derived={lineage.children} />;
}

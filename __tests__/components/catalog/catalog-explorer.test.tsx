import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { withNuqsTestingAdapter, type UrlUpdateEvent } from "nuqs/adapters/testing";
import { CatalogExplorer } from "@/components/catalog/catalog-explorer";
import { parseCatalog } from "@/lib/catalog/schema";
import { catalogCsv, catalogRow } from "@/__tests__/fixtures/catalog";

const datasets = parseCatalog(
  catalogCsv([
    catalogRow(),
    catalogRow({
      id: "busi",
      title: "BUSI",
      modality: "Ultrasound",
      description: "Breast ultrasound images.",
      keywords: "breast;ultrasound",
      task: "classification;segmentation",
      count: "780",
      patients: "600",
      labels: "benign;malignant;normal",
      access: "open",
      license: "CC0 1.0",
      commercial_use: "yes",
      body_region: "breast",
    }),
    catalogRow({
      id: "brats-2021",
      title: "BraTS 2021",
      modality: "MRI",
      description: "Multi-parametric brain MRI of gliomas.",
      keywords: "brain;tumour",
      task: "segmentation",
      count: "",
      unit: "",
      access: "registration",
      labels: "",
      body_region: "brain",
    }),
  ]),
  "t.csv",
);

function setup(searchParams = "") {
  const updates: UrlUpdateEvent[] = [];
  render(<CatalogExplorer datasets={datasets} />, {
    wrapper: withNuqsTestingAdapter({ searchParams, onUrlUpdate: (e) => updates.push(e), rateLimitFactor: 0 }),
  });
  return { updates, user: userEvent.setup() };
}

const titles = () =>
  within(screen.getByRole("table"))
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("cell")[1]!.textContent);

/** Visible column headers, without the selection column and the sort arrows. */
const headers = () =>
  screen
    .getAllByRole("columnheader")
    .map((h) => h.textContent?.replace(/[▲▼↕]/g, ""))
    .filter((t) => t !== "Select to compare");

describe("CatalogExplorer", () => {
  it("lists every dataset sorted by title by default, with the count", () => {
    setup();
    expect(titles()).toEqual(["BraTS 2021", "BUSI", "NIH ChestX-ray14"]);
    expect(screen.getByTestId("row-count")).toHaveTextContent("3 of 3 datasets");
  });

  it("shows a blank size as not reported", () => {
    setup();
    const row = screen.getByRole("row", { name: /BraTS 2021/ });
    expect(within(row).getByText("not reported")).toBeInTheDocument();
  });

  it("sorts by size from the header, largest first, then smallest first, and writes it to the URL", async () => {
    const { updates, user } = setup();
    await user.click(screen.getByRole("button", { name: /Size/ }));
    expect(titles()).toEqual(["NIH ChestX-ray14", "BUSI", "BraTS 2021"]);
    expect(updates.at(-1)?.queryString).toBe("?sort=size.desc");
    expect(screen.getByRole("columnheader", { name: /Size/ })).toHaveAttribute("aria-sort", "descending");
    await user.click(screen.getByRole("button", { name: /Size/ }));
    expect(titles()).toEqual(["BUSI", "NIH ChestX-ray14", "BraTS 2021"]);
    expect(updates.at(-1)?.queryString).toBe("?sort=size.asc");
  });

  it("restores a descending sort from the URL, unknown sizes last", () => {
    setup("?sort=size.desc");
    expect(titles()).toEqual(["NIH ChestX-ray14", "BUSI", "BraTS 2021"]);
  });

  it("searches title, description, keywords and labels with every word", async () => {
    const { updates, user } = setup();
    await user.type(screen.getByRole("searchbox"), "breast malignant");
    expect(titles()).toEqual(["BUSI"]);
    expect(screen.getByTestId("row-count")).toHaveTextContent("1 of 3 datasets");
    await waitFor(() => expect(updates.at(-1)?.searchParams.get("q")).toBe("breast malignant"));
  });

  it("keeps rows a search leaves out in their sorted places, hidden, so typing moves no row", async () => {
    const { user } = setup("?sort=size.desc");
    const body = screen.getAllByRole("rowgroup")[1]!;
    const before = [...body.querySelectorAll("tr")];
    await user.type(screen.getByRole("searchbox"), "brain");
    expect(titles()).toEqual(["BraTS 2021"]);
    // The same row elements, in the same (size, descending) order; the others only hidden.
    expect([...body.querySelectorAll("tr")]).toEqual(before);
    expect(before.map((tr) => tr.hidden)).toEqual([true, true, false]);
    await user.clear(screen.getByRole("searchbox"));
    await user.type(screen.getByRole("searchbox"), "breast");
    expect(titles()).toEqual(["BUSI"]);
    expect([...body.querySelectorAll("tr")]).toEqual(before);
    expect(before.map((tr) => tr.hidden)).toEqual([true, false, true]);
  });

  it("shows an empty state when nothing matches", () => {
    setup("?q=zebrafish");
    expect(screen.getByText("No dataset matches these filters.")).toBeInTheDocument();
    expect(screen.getByTestId("row-count")).toHaveTextContent("0 of 3 datasets");
  });

  it("filters by a facet value and counts each value", async () => {
    const { updates, user } = setup();
    await user.click(screen.getByText((_, el) => el?.tagName === "SUMMARY" && el.textContent!.startsWith("Task")));
    expect(screen.getByRole("checkbox", { name: "segmentation" }).closest("div")).toHaveTextContent("segmentation2");
    await user.click(screen.getByRole("checkbox", { name: "segmentation" }));
    expect(titles()).toEqual(["BraTS 2021", "BUSI"]);
    expect(updates.at(-1)?.searchParams.get("task")).toBe("segmentation");
  });

  it("ignores facet values that no dataset has instead of emptying the table", () => {
    setup("?access=telepathy");
    expect(screen.getByTestId("row-count")).toHaveTextContent("3 of 3 datasets");
  });

  it("limits to one modality section and counts each section", () => {
    setup("?m=mri");
    expect(titles()).toEqual(["BraTS 2021"]);
    expect(screen.getByRole("link", { name: "MRI (1)" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "All (3)" })).toHaveAttribute("href", "/");
  });

  it("keeps other params in the section links", () => {
    setup("?q=breast&sort=size.desc");
    expect(screen.getByRole("link", { name: /Ultrasound/ })).toHaveAttribute(
      "href",
      "?q=breast&sort=size.desc&m=ultrasound",
    );
  });

  it("filters by a size range and leaves out unknown sizes", () => {
    setup("?min=1000");
    expect(titles()).toEqual(["NIH ChestX-ray14"]);
  });

  it("shows the columns named in the URL", () => {
    setup("?cols=title,license");
    expect(headers()).toEqual(["Title", "Licence"]);
  });

  it("adds and removes columns from the picker, and writes them to the URL", async () => {
    const { updates, user } = setup("?cols=title,license");
    // Closed, the picker holds no checkboxes (typing beside it re-renders nothing inside).
    expect(screen.queryByRole("checkbox", { name: "Year" })).toBeNull();
    await user.click(screen.getByText("Columns (2)"));
    await user.click(screen.getByRole("checkbox", { name: "Year" }));
    expect(headers()).toEqual(["Title", "Licence", "Year"]);
    expect(updates.at(-1)?.searchParams.get("cols")).toBe("title,license,year");
    await user.click(screen.getByRole("checkbox", { name: "Licence" }));
    expect(headers()).toEqual(["Title", "Year"]);
    await user.click(screen.getByText("Columns (2)"));
    expect(screen.queryByRole("checkbox", { name: "Year" })).toBeNull();
  });
});

describe("CatalogExplorer column fallback", () => {
  it("shows the default columns when the URL names no valid column", () => {
    setup("?cols=secret");
    expect(headers()).toEqual(["Title", "Description", "Keywords", "Source", "Size", "Label figures"]);
  });
});

describe("CatalogExplorer selection", () => {
  it("links to the comparison of the ticked datasets once two are ticked", async () => {
    const { user } = setup();
    expect(screen.queryByRole("link", { name: /Compare selected/ })).toBeNull();
    await user.click(screen.getByRole("checkbox", { name: "Select BUSI to compare" }));
    await user.click(screen.getByRole("checkbox", { name: "Select NIH ChestX-ray14 to compare" }));
    expect(screen.getByRole("link", { name: "Compare selected (2)" })).toHaveAttribute(
      "href",
      "/compare?ids=busi,nih-chestxray14",
    );
  });
});

describe("a long catalog", () => {
  // 600 datasets, one word apiece telling a tenth of them apart, as a large catalog would be.
  const many = parseCatalog(
    catalogCsv(
      Array.from({ length: 600 }, (_, i) =>
        catalogRow({
          id: `d-${i}`,
          title: `Dataset ${String(i).padStart(3, "0")}`,
          keywords: i % 10 ? "common" : "rare",
        }),
      ),
    ),
    "many.csv",
  );
  const bodyRows = () => within(screen.getByRole("table")).getAllByRole("row").slice(1);

  it("puts only the rows near the screen in the page, and says how many rows the table has", async () => {
    render(<CatalogExplorer datasets={many} />, { wrapper: withNuqsTestingAdapter({ rateLimitFactor: 0 }) });
    expect(screen.getByTestId("row-count")).toHaveTextContent("600 of 600 datasets");
    expect(screen.getByRole("table")).toHaveAttribute("aria-rowcount", "601");
    // The virtualizer loads on demand; meanwhile the first rows show.
    await waitFor(() => expect(bodyRows()[0]).toHaveAttribute("aria-rowindex", "2"));
    const rows = bodyRows();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]).toHaveAttribute("aria-rowindex", "2");
    expect(within(rows[0]!).getByRole("link", { name: "Dataset 000" })).toBeInTheDocument();
  });

  it("puts every row in the page once a search leaves fewer than 200", () => {
    render(<CatalogExplorer datasets={many} />, {
      wrapper: withNuqsTestingAdapter({ searchParams: "?q=rare", rateLimitFactor: 0 }),
    });
    expect(screen.getByTestId("row-count")).toHaveTextContent("60 of 600 datasets");
    expect(screen.getByRole("table")).not.toHaveAttribute("aria-rowcount");
    expect(bodyRows()).toHaveLength(60);
  });
});

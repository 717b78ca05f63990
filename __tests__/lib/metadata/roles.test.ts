import { inferMapping, NO_POSITIVE, toMetadataSpec } from "@/lib/metadata/roles";
import { summarizeMetadata } from "@/lib/metadata/summarize";
import { parseCsv } from "@/lib/csv/parse";

const mappingOf = (text: string) => {
  const t = parseCsv(text, "f.csv");
  return inferMapping(t.header, t.rows);
};

describe("inferMapping", () => {
  it("reads NIH's columns: delimited labels, patient, sex, age, view", () => {
    const m = mappingOf(
      [
        "Image Index,Finding Labels,Follow-up #,Patient ID,Patient Age,Patient Gender,View Position,OriginalImage[Width,Height],OriginalImagePixelSpacing[x,y]",
        "00000001_000.png,Cardiomegaly,0,1,57,M,PA,2682,2749,0.143,0.143",
        "00000001_001.png,Cardiomegaly|Emphysema,1,1,58,M,PA,2894,2729,0.143,0.143",
        "00000003_000.png,No Finding,0,3,81,F,AP,2582,2991,0.143,0.143",
      ].join("\n"),
    );
    expect(m).toEqual({
      image: "Image Index",
      patient: "Patient ID",
      sex: "Patient Gender",
      age: "Patient Age",
      view: "View Position",
      split: null,
      encoding: "delimited",
      labels: ["Finding Labels"],
      separator: "|",
      rowsPerImage: false,
      noFinding: "No Finding",
    });
  });

  it("reads RSNA's box rows: the id repeats, Target is a 0/1 label", () => {
    const m = mappingOf("patientId,x,y,width,height,Target\nA,,,,,0\nB,1,2,3,4,1\nB,5,6,7,8,1\n");
    expect(m).toMatchObject({
      image: "patientId",
      patient: null,
      encoding: "binary",
      labels: ["Target"],
      rowsPerImage: true,
    });
  });

  it("reads CheXpert-style 0/1/-1 columns", () => {
    const m = mappingOf(
      "Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Edema,Pleural Effusion\np1,Male,68,Frontal,AP,1.0,,\np2,Female,87,Frontal,AP,,-1.0,1.0\np3,Female,83,Lateral,,,1.0,0.0\n",
    );
    expect(m).toMatchObject({
      image: "Path",
      sex: "Sex",
      age: "Age",
      encoding: "binary",
      labels: ["No Finding", "Edema", "Pleural Effusion"],
      noFinding: "No Finding",
    });
  });

  it("reads a single-label column and a split column", () => {
    const m = mappingOf(
      "lesion_id,image_id,dx,age,sex,split\nL1,i1,nv,40,male,train\nL2,i2,mel,55,female,test\nL2,i3,mel,55,female,train\n",
    );
    expect(m).toMatchObject({
      image: "image_id",
      patient: "lesion_id",
      encoding: "single",
      labels: ["dx"],
      split: "split",
      sex: "sex",
      age: "age",
    });
  });
});

describe("toMetadataSpec", () => {
  it("gives images with no positive 0/1 label their own state", () => {
    const text = "patientId,x,y,width,height,Target\nA,,,,,0\nB,1,2,3,4,1\nB,5,6,7,8,1\nC,,,,,0\n";
    const spec = toMetadataSpec(mappingOf(text));
    const s = summarizeMetadata(text, spec, { file: "rsna.csv" });
    expect(s.images).toBe(3);
    expect(Object.fromEntries(s.labels.map((l, i) => [l, s.labelImages[i]]))).toEqual({ Target: 1, [NO_POSITIVE]: 2 });
  });
});

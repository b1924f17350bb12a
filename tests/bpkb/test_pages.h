// Test inputs made at test time: a simple BPKB-like page drawn with OpenCV's
// Hershey fonts (labels, dotted leaders, values, border, vertical serial),
// encoders, an EXIF orientation tag, and PDFs written with Cairo.
#pragma once

#include <cairo-pdf.h>
#include <cairo.h>

#include <map>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace bpkb::testing {

inline void Put(cv::Mat& img, const std::string& t, int x, int y, double s, int th,
                int font = cv::FONT_HERSHEY_TRIPLEX) {
  cv::putText(img, t, {x, y}, font, s, cv::Scalar(20, 20, 20), th, cv::LINE_AA);
}

inline void Border(cv::Mat& img) {
  int w = img.cols, h = img.rows;
  for (int k = 0; k < 6; ++k) {
    int t = 40 + k * 6;
    cv::rectangle(img, {t, t}, {w - t, h - t}, cv::Scalar(60, 70, 60), 2);
  }
  for (int x = 40; x < w - 40; x += 14) {
    cv::line(img, {x, 40}, {x + 14, 76}, cv::Scalar(50, 60, 50), 2);
    cv::line(img, {x, h - 76}, {x + 14, h - 40}, cv::Scalar(50, 60, 50), 2);
  }
  for (int y = 40; y < h - 40; y += 14) {
    cv::line(img, {40, y}, {76, y + 14}, cv::Scalar(50, 60, 50), 2);
    cv::line(img, {w - 76, y}, {w - 40, y + 14}, cv::Scalar(50, 60, 50), 2);
  }
}

inline void Dots(cv::Mat& img, int x0, int x1, int y) {
  for (int x = x0; x < x1; x += 12) cv::circle(img, {x, y}, 1, cv::Scalar(60, 60, 60), -1);
}

// The expected values of the mock pages.
inline std::map<std::string, std::string> MockValues(bool ik) {
  if (ik) {
    return {{"nomor_polisi", "B 1413 KLT"},
            {"merek", "KIA"},
            {"tipe", "SPORTAGE 2.0 LX AT"},
            {"jenis", "MB PENUMPANG"},
            {"model", "JEEP"},
            {"tahun_pembuatan", "2013"},
            {"isi_silinder", "1.998 CC"},
            {"warna", "PUTIH"},
            {"no_rangka", "KNAPB811MD7488226"},
            {"no_mesin", "G4KDDH418906"},
            {"bahan_bakar", "BENSIN"},
            {"jumlah_sumbu", "2 (DUA)"},
            {"jumlah_roda", "4 (EMPAT)"}};
  }
  return {{"nama_pemilik", "RAMDHAN MUBARAK NASUTION"},
          {"pekerjaan", "WIRASWASTA"},
          {"alamat", "JL. MERDEKA NO. 12 KEL. MENTENG JAKARTA PUSAT"},
          {"no_id", "3171234509870001"},
          {"lokasi_dikeluarkan", "JAKARTA"},
          {"tanggal_dikeluarkan", "01-07-2011"},
          {"nomor_bpkb", "I-01152258"}};
}

// A 1700x1200 landscape page, upright.
inline cv::Mat MockPage(bool ik) {
  cv::Mat img(1200, 1700, CV_8UC3, cv::Scalar(215, 228, 222));
  Border(img);
  const int vf = cv::FONT_HERSHEY_DUPLEX;
  const int it = cv::FONT_HERSHEY_COMPLEX_SMALL | cv::FONT_ITALIC;
  auto v = MockValues(ik);
  if (ik) {
    Put(img, "II. IDENTITAS KENDARAAN", 560, 150, 1.3, 3);
    Put(img, "VEHICLE IDENTITY", 680, 190, 0.8, 1, it);
    struct L {
      const char* label;
      const char* sub;
      const char* field;
    };
    const L labels[] = {{"Nomor Registrasi", "Vehicle Registration Number", "nomor_polisi"},
                        {"Merk", "Brand", "merek"},
                        {"Type", "Type", "tipe"},
                        {"Jenis", "Category", "jenis"},
                        {"Model", "Model", "model"},
                        {"Tahun Pembuatan", "Manufacture Year", "tahun_pembuatan"},
                        {"Isi Silinder", "Cylinder Capacity", "isi_silinder"},
                        {"Warna", "Color", "warna"},
                        {"Nomor Rangka/NIK/VIN", "Vehicle Identity Number", "no_rangka"},
                        {"Nomor Mesin", "Engine Number", "no_mesin"},
                        {"Bahan Bakar", "Type Fuel", "bahan_bakar"},
                        {"Jumlah Sumbu", "Number of Axis", "jumlah_sumbu"},
                        {"Jumlah Roda", "Number of Wheels", "jumlah_roda"}};
    for (int i = 0; i < 13; ++i) {
      int col = i < 8 ? 0 : 1, r = i < 8 ? i : i - 8;
      int x = col == 0 ? 120 : 900, y = 260 + r * 95;
      Put(img, std::to_string(i + 1) + ". " + labels[i].label, x, y, 0.75, 2);
      Put(img, labels[i].sub, x + 30, y + 26, 0.6, 1, it);
      int cx = x + 330;
      Put(img, ":", cx, y, 0.8, 2);
      Dots(img, cx + 20, x + 760, y + 4);
      const std::string& val = v[labels[i].field];
      if (std::string(labels[i].field) == "no_rangka") {
        Put(img, val, x + 40, y + 60, 0.85, 2, vf);
      } else {
        Put(img, val, cx + 30 + (i % 3) * 8, y - 4 + (i % 2) * 6, 0.85, 2, vf);
      }
    }
  } else {
    Put(img, "I. IDENTITAS PEMILIK", 600, 170, 1.3, 3);
    const std::pair<const char*, const char*> labels[] = {{"Nama Pemilik", "nama_pemilik"},
                                                          {"Pekerjaan", "pekerjaan"},
                                                          {"Alamat", "alamat"},
                                                          {"No. KTP", "no_id"},
                                                          {"Dikeluarkan di", "lokasi_dikeluarkan"},
                                                          {"Pada Tanggal", "tanggal_dikeluarkan"}};
    int y = 280;
    for (auto [label, field] : labels) {
      Put(img, label, 150, y, 0.9, 2);
      Put(img, ":", 480, y, 0.9, 2);
      std::vector<std::string> lines = {v[field]};
      if (std::string(field) == "alamat") {
        lines = {"JL. MERDEKA NO. 12", "KEL. MENTENG", "JAKARTA PUSAT"};
      }
      if (std::string(field) == "tanggal_dikeluarkan") lines = {"1 - 7 - 2011"};
      for (size_t j = 0; j < lines.size(); ++j) {
        int ly = y + static_cast<int>(j) * 50;
        Dots(img, 500, 1400, ly + 4);
        Put(img, lines[j], 515, ly - 3, 0.9, 2, vf);
      }
      y += 80 + 50 * static_cast<int>(lines.size() - 1);
    }
    cv::Mat s(40, 380, CV_8UC3, cv::Scalar(215, 228, 222));
    Put(s, "No.: I-01152258", 5, 30, 0.9, 2);
    cv::rotate(s, s, cv::ROTATE_90_COUNTERCLOCKWISE);
    s.copyTo(img(cv::Rect(1700 - 130, 400, 40, 380)));
  }
  return img;
}

// The page seen by a phone: smaller, in perspective, on a dark table, uneven light.
inline cv::Mat MockPhoto(const cv::Mat& page) {
  cv::Mat bg(2250, 3000, CV_8UC3, cv::Scalar(90, 80, 70));
  cv::rectangle(bg, {100, 1800}, {900, 2200}, cv::Scalar(30, 30, 160), -1);
  std::vector<cv::Point2f> src = {{0, 0}, {1700, 0}, {1700, 1200}, {0, 1200}};
  std::vector<cv::Point2f> dst = {{520, 470}, {2480, 380}, {2600, 1900}, {430, 1760}};
  cv::Mat m = cv::getPerspectiveTransform(src, dst);
  cv::warpPerspective(page, bg, m, bg.size(), cv::INTER_LINEAR, cv::BORDER_TRANSPARENT);
  cv::Mat f;
  bg.convertTo(f, CV_32FC3);
  for (int x = 0; x < f.cols; ++x) {
    float g = 0.75f + 0.35f * x / f.cols;
    f.col(x) *= g;
  }
  f.convertTo(bg, CV_8UC3);
  cv::GaussianBlur(bg, bg, {3, 3}, 0);
  return bg;
}

inline std::string Encode(const cv::Mat& img, const std::string& ext, int quality = 90) {
  std::vector<uchar> buf;
  std::vector<int> params;
  if (ext == ".jpg") params = {cv::IMWRITE_JPEG_QUALITY, quality};
  cv::imencode(ext, img, buf, params);
  return std::string(buf.begin(), buf.end());
}

// Inserts an APP1 EXIF segment with an Orientation tag right after SOI.
inline std::string WithExifOrientation(const std::string& jpeg, int orientation,
                                       bool little_endian = false) {
  std::string tiff;
  auto u16 = [&](int v) {
    if (little_endian) {
      tiff += static_cast<char>(v & 0xFF);
      tiff += static_cast<char>((v >> 8) & 0xFF);
    } else {
      tiff += static_cast<char>((v >> 8) & 0xFF);
      tiff += static_cast<char>(v & 0xFF);
    }
  };
  auto u32 = [&](uint32_t v) {
    if (little_endian) {
      u16(v & 0xFFFF);
      u16(v >> 16);
    } else {
      u16(v >> 16);
      u16(v & 0xFFFF);
    }
  };
  tiff += little_endian ? "II" : "MM";
  u16(42);
  u32(8);
  u16(1);       // one entry
  u16(0x0112);  // Orientation
  u16(3);       // SHORT
  u32(1);
  u16(orientation);
  u16(0);
  u32(0);  // no next IFD
  std::string payload = std::string("Exif\0\0", 6) + tiff;
  size_t len = payload.size() + 2;
  std::string seg = "\xFF\xE1";
  seg += static_cast<char>(len >> 8);
  seg += static_cast<char>(len & 0xFF);
  seg += payload;
  return jpeg.substr(0, 2) + seg + jpeg.substr(2);
}

inline cairo_status_t AppendToString(void* closure, const unsigned char* data,
                                     unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A PDF with one page per image, each page the image at 200 dpi.
inline std::string MakePdf(const std::vector<cv::Mat>& pages) {
  std::string out;
  double w_pt = 1700 * 72.0 / 200, h_pt = 1200 * 72.0 / 200;
  cairo_surface_t* pdf = cairo_pdf_surface_create_for_stream(AppendToString, &out, w_pt, h_pt);
  cairo_t* cr = cairo_create(pdf);
  for (const cv::Mat& page : pages) {
    cv::Mat bgra;
    cv::cvtColor(page, bgra, cv::COLOR_BGR2BGRA);
    cairo_surface_t* img = cairo_image_surface_create_for_data(
        bgra.data, CAIRO_FORMAT_RGB24, bgra.cols, bgra.rows, static_cast<int>(bgra.step));
    cairo_save(cr);
    cairo_scale(cr, w_pt / bgra.cols, h_pt / bgra.rows);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_show_page(cr);
    cairo_surface_destroy(img);
  }
  cairo_destroy(cr);
  cairo_surface_finish(pdf);
  cairo_surface_destroy(pdf);
  return out;
}

}  // namespace bpkb::testing
